package tracker.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What Flyway says about the database (the migrations applied) and, on SQLite, its settings. */
@RegisterConstructorMapper(SchemaDao.Applied.class)
public interface SchemaDao {
    record Applied(String version, boolean success) {}

    @SqlQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")
    List<Applied> history();

    @SqlQuery("PRAGMA journal_mode")
    String journalMode();

    @SqlQuery("PRAGMA synchronous")
    String synchronous();
}
