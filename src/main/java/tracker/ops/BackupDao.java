package tracker.ops;

import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The backup's SQL: SQLite's consistent copy of a live database, and the checks on the copy. */
interface BackupDao {
    @SqlUpdate("PRAGMA busy_timeout = 10000")
    void waitWhenBusy();

    /** One snapshot of the live file (WAL lets the service keep writing meanwhile). */
    @SqlUpdate("VACUUM INTO :file")
    void copyTo(String file);

    @SqlQuery("PRAGMA integrity_check")
    String integrity();

    @SqlQuery("SELECT COUNT(*) FROM journey")
    long journeys();

    @SqlQuery("SELECT COUNT(*) FROM message")
    long messages();

    @SqlQuery("SELECT COUNT(*) FROM event")
    long events();
}
