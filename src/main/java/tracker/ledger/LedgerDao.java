package tracker.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The ledger's tables: journeys, messages and their events. Standard SQL except where noted. */
@RegisterRowMapper(MessageRow.Mapper.class)
@RegisterConstructorMapper(EventRow.class)
@RegisterConstructorMapper(JourneyRow.class)
public interface LedgerDao extends SqlObject {
    String STEP_COUNTS = """
            SELECT status, COUNT(*) AS n FROM message m WHERE order_id = :orderId
              AND NOT EXISTS (SELECT 1 FROM message r WHERE r.resend_of = m.id)
            GROUP BY status""";

    @SqlUpdate("""
            INSERT INTO journey (order_id, status, message_count, created_at, last_activity_at)
            VALUES (:orderId, 'ACTIVE', 0, :at, :at)
            ON CONFLICT (order_id) DO NOTHING""")
    void ensureJourney(String orderId, long at);

    /**
     * Messages per status, counting only the newest of each step (a resent message no longer counts). By hand: Jdbi
     * resolved the Map's generic types by reflection on every call (profiled).
     */
    default Map<String, Integer> statusCounts(String orderId) {
        Map<String, Integer> counts = new HashMap<>();
        getHandle().createQuery(STEP_COUNTS)
                .bind("orderId", orderId)
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
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
                                 send_before, in_flight_until, resend_of)
            VALUES (:m.orderId, :m.phone, :m.phoneNorm, :m.templateId, :m.oaId, :m.campaignId, :m.params, :m.requestId,
                    :m.requestHash, :m.sandbox, :m.simulated, :m.status, :m.attempts, :m.nextAttemptAt, :m.createdAt,
                    :m.createdAt, :m.sendBefore, :inFlightUntil, :m.resendOf)""")
    @GetGeneratedKeys("id")
    long insertMessage(@BindMethods("m") MessageRow m, Long inFlightUntil);

    @SqlQuery("SELECT * FROM message WHERE id = :id")
    Optional<MessageRow> message(long id);

    @SqlQuery("SELECT id FROM message WHERE sms_id = :smsId")
    Optional<Long> messageIdBySmsId(String smsId);

    /** The message that resent {@code id}, if any. */
    @SqlQuery("SELECT * FROM message WHERE resend_of = :id")
    Optional<MessageRow> resendOf(long id);

    @SqlQuery("SELECT * FROM message WHERE request_id = :requestId")
    Optional<MessageRow> messageByRequestId(String requestId);

    @SqlQuery("SELECT * FROM message WHERE order_id = :orderId ORDER BY id")
    List<MessageRow> messagesOfJourney(String orderId);

    @SqlUpdate("""
            UPDATE message SET status = :status, sms_id = :smsId, esms_code = :esmsCode, esms_message = :esmsMessage,
                   failure_reason = :failureReason, price = :price, attempts = :attempts,
                   next_attempt_at = :nextAttemptAt, updated_at = :updatedAt, failure_kind = :failureKind,
                   zalo_message_id = :zaloMessageId, on_phone_at = :onPhoneAt
            WHERE id = :id""")
    void updateMessage(@BindMethods MessageRow m);

    /** Identical callbacks share a dedupe key: the second copy only counts a repeat. Returns the repeats. */
    @SqlQuery("""
            INSERT INTO event (message_id, at, type, status, source, repeats, late, conflict, detail, dedupe_key, reported_at)
            VALUES (:messageId, :at, :type, :status, :source, 1, :late, :conflict, :detail, :dedupeKey, :reportedAt)
            ON CONFLICT (message_id, dedupe_key) DO UPDATE SET repeats = event.repeats + 1
            RETURNING repeats""")
    int insertEvent(@BindMethods EventRow e, @Bind("dedupeKey") String dedupeKey);

    /** When eSMS accepted the message (its first ACCEPTED event), or when it was created if it never was. */
    default long acceptedAt(long messageId) { return acceptedAt(messageId, Status.ACCEPTED.name()); }

    @SqlQuery("""
            SELECT COALESCE((SELECT MIN(at) FROM event WHERE message_id = :messageId AND status = :accepted),
                            (SELECT created_at FROM message WHERE id = :messageId))""")
    long acceptedAt(long messageId, String accepted);

    @SqlQuery("SELECT COUNT(*) FROM event WHERE message_id = :messageId AND source = :source")
    int eventsFrom(long messageId, String source);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM event WHERE message_id = :messageId AND dedupe_key = :dedupeKey)")
    boolean hasEvent(long messageId, String dedupeKey);

    /** Counts one more repeat, marked capped, on the message's newest event from {@code source}; returns its repeats. */
    @SqlQuery("""
            UPDATE event SET repeats = repeats + 1, capped = capped + 1
            WHERE id = (SELECT MAX(id) FROM event WHERE message_id = :messageId AND source = :source)
            RETURNING repeats""")
    int foldIntoLast(long messageId, String source);

    @SqlQuery("SELECT * FROM event WHERE message_id = :messageId ORDER BY at, id")
    List<EventRow> eventsOfMessage(long messageId);

    @SqlQuery("""
            SELECT e.* FROM event e JOIN message m ON m.id = e.message_id
            WHERE m.order_id = :orderId ORDER BY e.at, e.id""")
    List<EventRow> eventsOfJourney(String orderId);

    /** Messages in one of {@code statuses}, e.g. the retry queue's depth. */
    @SqlQuery("SELECT COUNT(*) FROM message WHERE status IN (<statuses>)")
    long countIn(@BindList("statuses") List<String> statuses);

    /** Messages not final and created at or before {@code createdBefore}, oldest first, paged by id. */
    default List<MessageRow> stuck(long createdBefore, long afterId, int limit) {
        return stuck(Status.OPEN, createdBefore, afterId, limit);
    }

    @SqlQuery("""
            SELECT * FROM message WHERE status IN (<open>) AND created_at <= :createdBefore AND id > :afterId
            ORDER BY id LIMIT :limit""")
    List<MessageRow> stuck(@BindList("open") List<String> open, long createdBefore, long afterId, int limit);

    default int stuckCount(long createdBefore) { return stuckCount(Status.OPEN, createdBefore); }

    @SqlQuery("SELECT COUNT(*) FROM message WHERE status IN (<open>) AND created_at <= :createdBefore")
    int stuckCount(@BindList("open") List<String> open, long createdBefore);
}
