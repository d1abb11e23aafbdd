package tracker.sending;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tracker.db.Prepared;
import tracker.ledger.MessageRow;
import tracker.ledger.Status;

/** The account pause (one row while sending is paused) and the messages it holds. */
@RegisterRowMapper(MessageRow.Mapper.class)
@RegisterConstructorMapper(PauseDao.Paused.class)
public interface PauseDao {
    /** Why (an eSMS code), since when, and when to ask again whether the account can send. */
    record Paused(String code, long since, long nextProbeAt) {}

    String CURRENT = "SELECT code, since, next_probe_at FROM account_pause WHERE id = 1";

    @SqlQuery(CURRENT)
    Optional<Paused> current();

    /** The same on a plain statement: every send asks, and attaching this interface cost more than the query (profiled). */
    static Optional<Paused> current(Connection c) {
        try (Prepared sql = new Prepared(c)) {
            return sql.one(CURRENT, rs -> new Paused(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        }
    }

    /** Starts the pause, or keeps it (its first time stands) with a new reason and probe time. */
    @SqlUpdate("""
            INSERT INTO account_pause (id, code, since, next_probe_at) VALUES (1, :code, :since, :nextProbeAt)
            ON CONFLICT (id) DO UPDATE SET code = excluded.code, next_probe_at = excluded.next_probe_at""")
    void pause(String code, long since, long nextProbeAt);

    /** Takes the due probe by moving its time on: 1 for the one caller (of any instance) that sends it now. */
    @SqlUpdate("UPDATE account_pause SET next_probe_at = :next WHERE id = 1 AND next_probe_at <= :now")
    int claimProbe(long now, long next);

    @SqlUpdate("DELETE FROM account_pause")
    void end();

    @SqlUpdate("UPDATE message SET held_reason = :reason WHERE id = :id")
    void hold(long id, String reason);

    default List<MessageRow> held(int limit) { return held(Status.QUEUED.name(), limit); }

    /** Held messages, oldest first: they go out in the order they came. */
    @SqlQuery("SELECT * FROM message WHERE held_reason IS NOT NULL AND status = :queued ORDER BY id LIMIT :limit")
    List<MessageRow> held(String queued, int limit);

    default int heldCount() { return heldCount(Status.QUEUED.name()); }

    @SqlQuery("SELECT COUNT(*) FROM message WHERE held_reason IS NOT NULL AND status = :queued")
    int heldCount(String queued);

    default List<MessageRow> heldSince(long createdBy, int limit) { return heldSince(Status.QUEUED.name(), createdBy, limit); }

    @SqlQuery("""
            SELECT * FROM message WHERE held_reason IS NOT NULL AND status = :queued AND created_at <= :createdBy
            ORDER BY id LIMIT :limit<skipLocked>""")
    List<MessageRow> heldSince(String queued, long createdBy, int limit);

    /** Lets a held message go at {@code at}; a fresh eSMS RequestId when eSMS surely never took it (else null: keep). */
    @SqlUpdate("""
            UPDATE message SET held_reason = NULL, next_attempt_at = :at,
                   esms_request_id = CASE WHEN unknown_outcome THEN esms_request_id ELSE :fresh END
            WHERE id = :id""")
    void release(long id, long at, String fresh);
}
