package tracker.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Named values the service keeps for itself (e.g. the generated callback secret). */
public interface SettingDao {
    @SqlUpdate("INSERT INTO setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
    void putIfAbsent(String name, String value);

    @SqlUpdate("INSERT INTO setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
    void put(String name, String value);

    @SqlQuery("SELECT value FROM setting WHERE name = :name")
    Optional<String> value(String name);

    /** A cheap query that touches a table: the readiness check's "the database answers". */
    @SqlQuery("SELECT COUNT(*) FROM setting")
    int count();
}
