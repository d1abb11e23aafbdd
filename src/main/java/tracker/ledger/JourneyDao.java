package tracker.ledger;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** All SQL about journeys, messages and events. Standard SQL except where noted. */
@RegisterRowMapper(MessageRow.Mapper.class)
@RegisterConstructorMapper(EventRow.class)
@RegisterConstructorMapper(JourneyRow.class)
public interface JourneyDao extends SqlObject {

    @SqlUpdate("""
            INSERT INTO journey (order_id, status, message_count, created_at, last_activity_at)
            VALUES (:orderId, 'ACTIVE', 0, :at, :at)
            ON CONFLICT (order_id) DO NOTHING""")
    void ensureJourney(String orderId, long at);

    /** Messages per status. By hand: Jdbi resolved the Map's generic types by reflection on every call (profiled). */
    default java.util.Map<String, Integer> statusCounts(String orderId) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        getHandle().createQuery("SELECT status, COUNT(*) AS n FROM message WHERE order_id = :orderId GROUP BY status")
                .bind("orderId", orderId)
                .map((rs, ctx) -> java.util.Map.entry(rs.getString("status"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    @SqlUpdate("""
            UPDATE journey SET status = :status, message_count = :count,
                   last_activity_at = CASE WHEN last_activity_at > :at THEN last_activity_at ELSE :at END
            WHERE order_id = :orderId""")
    void updateJourney(String orderId, String status, int count, long at);

    @SqlUpdate("UPDATE journey SET last_activity_at = :at WHERE order_id = :orderId AND last_activity_at < :at")
    void touchActivity(String orderId, long at);

    @SqlQuery("SELECT * FROM journey WHERE order_id = :orderId")
    Optional<JourneyRow> journey(String orderId);

    @SqlUpdate("UPDATE journey SET phones = :phones WHERE order_id = :orderId")
    void setPhones(String orderId, String phones);

    @SqlUpdate("""
            INSERT INTO message (order_id, phone, phone_norm, template_id, oa_id, campaign_id, params, request_id,
                                 request_hash, sandbox, simulated, status, attempts, next_attempt_at, created_at, updated_at,
                                 send_before)
            VALUES (:orderId, :phone, :phoneNorm, :templateId, :oaId, :campaignId, :params, :requestId,
                    :requestHash, :sandbox, :simulated, 'QUEUED', :attempts, :nextAttemptAt, :createdAt, :createdAt,
                    :sendBefore)""")
    @GetGeneratedKeys("id")
    long insertMessage(@BindMethods MessageRow m);

    @SqlQuery("SELECT * FROM message WHERE id = :id")
    Optional<MessageRow> message(long id);

    @SqlQuery("SELECT * FROM message WHERE request_id = :requestId")
    Optional<MessageRow> messageByRequestId(String requestId);

    @SqlQuery("SELECT * FROM message WHERE order_id = :orderId ORDER BY id")
    List<MessageRow> messagesOfJourney(String orderId);

    @SqlUpdate("""
            UPDATE message SET status = :status, sms_id = :smsId, esms_code = :esmsCode, esms_message = :esmsMessage,
                   failure_reason = :failureReason, price = :price, attempts = :attempts,
                   next_attempt_at = :nextAttemptAt, updated_at = :updatedAt
            WHERE id = :id""")
    void updateMessage(@BindMethods MessageRow m);

    /** Identical callbacks share a dedupe key: the second copy only counts a repeat. Returns the repeats. */
    @SqlQuery("""
            INSERT INTO event (message_id, at, type, status, source, repeats, late, conflict, detail, dedupe_key)
            VALUES (:messageId, :at, :type, :status, :source, 1, :late, :conflict, :detail, :dedupeKey)
            ON CONFLICT (message_id, dedupe_key) DO UPDATE SET repeats = event.repeats + 1
            RETURNING repeats""")
    int insertEvent(@BindMethods EventRow e, @Bind("dedupeKey") String dedupeKey);

    @SqlQuery("SELECT * FROM event WHERE message_id = :messageId ORDER BY at, id")
    List<EventRow> eventsOfMessage(long messageId);

    @SqlQuery("""
            SELECT e.* FROM event e JOIN message m ON m.id = e.message_id
            WHERE m.order_id = :orderId ORDER BY e.at, e.id""")
    List<EventRow> eventsOfJourney(String orderId);

    @SqlQuery("""
            SELECT * FROM message WHERE status = 'QUEUED' AND next_attempt_at <= :now
              AND (send_before IS NULL OR send_before > :now)
            ORDER BY next_attempt_at LIMIT :limit""")
    List<MessageRow> dueForRetry(long now, int limit);

    /** While set and in the future, a call to eSMS for the message is in flight (or was, before a crash). */
    @SqlUpdate("UPDATE message SET in_flight_until = :until WHERE id = :id")
    void inFlight(long id, Long until);

    @SqlQuery("SELECT in_flight_until FROM message WHERE id = :id")
    Long inFlightUntil(long id);

    /** QUEUED messages whose sendBefore has passed and that no call to eSMS holds. */
    @SqlQuery("""
            SELECT * FROM message WHERE status = 'QUEUED' AND send_before <= :now
              AND (in_flight_until IS NULL OR in_flight_until <= :now)
            ORDER BY send_before LIMIT :limit""")
    List<MessageRow> overdue(long now, int limit);

    @SqlUpdate("UPDATE message SET attempts = :attempts, next_attempt_at = :nextAttemptAt WHERE id = :id")
    void scheduleAttempt(long id, int attempts, Long nextAttemptAt);
}
