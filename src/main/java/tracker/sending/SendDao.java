package tracker.sending;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tracker.ledger.MessageRow;
import tracker.ledger.Status;

/** The send path's bookkeeping on messages: attempts, the next try, and the lease of a call in flight. */
@RegisterRowMapper(MessageRow.Mapper.class)
public interface SendDao {
    default List<MessageRow> dueForRetry(long now, int limit) { return dueForRetry(Status.QUEUED.name(), now, limit); }

    @SqlQuery("""
            SELECT * FROM message WHERE status = :queued AND next_attempt_at <= :now
              AND (send_before IS NULL OR send_before > :now)
            ORDER BY next_attempt_at LIMIT :limit""")
    List<MessageRow> dueForRetry(String queued, long now, int limit);

    /** While set and in the future, a call to eSMS for the message is in flight (or was, before a crash). */
    @SqlUpdate("UPDATE message SET in_flight_until = :until WHERE id = :id")
    void inFlight(long id, Long until);

    @SqlQuery("SELECT in_flight_until FROM message WHERE id = :id")
    Long inFlightUntil(long id);

    /** QUEUED messages whose sendBefore has passed and that no call to eSMS holds. */
    default List<MessageRow> overdue(long now, int limit) { return overdue(Status.QUEUED.name(), now, limit); }

    @SqlQuery("""
            SELECT * FROM message WHERE status = :queued AND send_before <= :now
              AND (in_flight_until IS NULL OR in_flight_until <= :now)
            ORDER BY send_before LIMIT :limit""")
    List<MessageRow> overdue(String queued, long now, int limit);

    @SqlUpdate("UPDATE message SET attempts = :attempts, next_attempt_at = :nextAttemptAt WHERE id = :id")
    void scheduleAttempt(long id, int attempts, Long nextAttemptAt);
}
