package tracker.sending;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tracker.ledger.FailureKind;
import tracker.ledger.MessageRow;
import tracker.ledger.Status;

/** The send path's bookkeeping on messages: attempts, the next try, and the lease of a call in flight. */
@RegisterRowMapper(MessageRow.Mapper.class)
public interface SendDao {
    /**
     * QUEUED messages whose next try is due, first tried after {@code firstAfter} (older ones are never sent again);
     * a claim's read: rows another instance is claiming are skipped (the claim moves their next try on).
     */
    default List<MessageRow> dueForRetry(long now, long firstAfter, int limit) {
        return dueForRetry(Status.QUEUED.name(), now, firstAfter, limit);
    }

    @SqlQuery("""
            SELECT * FROM message WHERE status = :queued AND next_attempt_at <= :now AND created_at > :firstAfter
              AND (send_before IS NULL OR send_before > :now)
            ORDER BY next_attempt_at, id LIMIT :limit<skipLocked>""")
    List<MessageRow> dueForRetry(String queued, long now, long firstAfter, int limit);

    /**
     * QUEUED messages first tried at or before {@code firstBy} that no call to eSMS holds now and that eSMS may have
     * taken already (an attempt without a definite answer, or one a crash cut off).
     */
    default List<MessageRow> stale(long firstBy, long now, int limit) { return stale(Status.QUEUED.name(), firstBy, now, limit); }

    @SqlQuery("""
            SELECT * FROM message WHERE status = :queued AND created_at <= :firstBy
              AND (in_flight_until IS NULL OR in_flight_until <= :now)
              AND (unknown_outcome OR in_flight_until IS NOT NULL)
            ORDER BY created_at LIMIT :limit<skipLocked>""")
    List<MessageRow> stale(String queued, long firstBy, long now, int limit);

    /** The message, locked, when it is QUEUED and no call to eSMS holds it: a send of it now is this caller's alone. */
    default Optional<MessageRow> claimable(long id, long now) { return claimable(Status.QUEUED.name(), id, now); }

    @SqlQuery("""
            SELECT * FROM message WHERE id = :id AND status = :queued AND (in_flight_until IS NULL OR in_flight_until <= :now)
            <forUpdate>""")
    Optional<MessageRow> claimable(String queued, long id, long now);

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
            ORDER BY send_before LIMIT :limit<skipLocked>""")
    List<MessageRow> overdue(String queued, long now, int limit);

    /**
     * FAILED messages Zalo refused at night (kind timing) that have neither a resend nor a decision against one, and
     * are not themselves a night resend: a step is rescheduled once, never in a loop.
     */
    default List<MessageRow> nightBlocked(int limit) {
        return nightBlocked(Status.FAILED.name(), FailureKind.TIMING.wire(), limit);
    }

    @SqlQuery("""
            SELECT * FROM message m WHERE m.failure_kind = :timing AND m.status = :failed
              AND NOT EXISTS (SELECT 1 FROM message r WHERE r.resend_of = m.id)
              AND NOT EXISTS (SELECT 1 FROM event e WHERE e.message_id = m.id AND e.type IN ('RESCHEDULED', 'NOT_RESCHEDULED'))
              AND NOT EXISTS (SELECT 1 FROM event p WHERE p.message_id = m.resend_of AND p.type = 'RESCHEDULED')
            ORDER BY m.id LIMIT :limit""")
    List<MessageRow> nightBlocked(String failed, String timing, int limit);

    /** An attempt ended without a definite answer (or a crash cut it off): eSMS may hold this RequestId now. */
    /** Marks a lease left by an attempt that never got its answer (a crash): that outcome is unknown. */
    @SqlUpdate("UPDATE message SET unknown_outcome = TRUE WHERE id = :id AND in_flight_until IS NOT NULL")
    void leaseLeftOver(long id);

    @SqlUpdate("UPDATE message SET attempts = :attempts, next_attempt_at = :nextAttemptAt WHERE id = :id")
    void scheduleAttempt(long id, int attempts, Long nextAttemptAt);
}
