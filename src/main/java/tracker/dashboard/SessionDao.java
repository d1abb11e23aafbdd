package tracker.dashboard;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Dashboard sign-ins, shared by every instance on the database: a digest of each session id and when it ends. */
interface SessionDao {
    @SqlQuery("SELECT expires_at FROM dashboard_session WHERE id_digest = :digest")
    Optional<Long> expiresAt(String digest);

    @SqlUpdate("INSERT INTO dashboard_session (id_digest, expires_at) VALUES (:digest, :expiresAt)")
    void insert(String digest, long expiresAt);

    @SqlUpdate("DELETE FROM dashboard_session WHERE id_digest = :digest")
    int delete(String digest);

    @SqlUpdate("DELETE FROM dashboard_session WHERE expires_at <= :now")
    int purge(long now);

    @SqlQuery("SELECT COUNT(*) FROM dashboard_session")
    int count();

    /** The oldest sessions beyond {@code keep}: they make room for a new one. */
    @SqlUpdate("""
            DELETE FROM dashboard_session WHERE id_digest IN (
                SELECT id_digest FROM dashboard_session ORDER BY expires_at, id_digest LIMIT :extra)""")
    int dropOldest(int extra);
}
