package tracker.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tracker.db.Prepared;

/**
 * The ledger's writes and the reads they need, on plain statements prepared once on the writer's connection (the
 * callback path runs these thousands of times a second). Standard SQL; {@link LedgerDao} keeps the readers' queries.
 */
final class LedgerStatements {
    private static final String MESSAGE_COLUMNS = """
            id, order_id, phone, phone_norm, template_id, oa_id, campaign_id, params, request_id, request_hash, sandbox,
            simulated, sms_id, status, esms_code, esms_message, failure_reason, price, attempts, next_attempt_at,
            created_at, updated_at, send_before, failure_kind, zalo_message_id, resend_of, on_phone_at, held_reason,
            esms_request_id""";
    private static final String MESSAGE = "SELECT " + MESSAGE_COLUMNS + " FROM message WHERE id = ?";
    private static final String MESSAGE_BY_REQUEST_ID = "SELECT " + MESSAGE_COLUMNS + " FROM message WHERE request_id = ?";
    private static final String RESENT_AS = "SELECT id FROM message WHERE resend_of = ?";

    private final Prepared sql;

    LedgerStatements(Prepared sql) { this.sql = sql; }

    Optional<MessageRow> message(long id) { return sql.one(MESSAGE, LedgerStatements::message, id); }

    /**
     * The message, locked until the transaction ends: another instance applying an event to it waits its turn. Its
     * journey is locked first: a second update of a row this transaction made re-checks the journey key (a share
     * lock), and two such transactions each wanting the journey for its recount would deadlock; one order for all.
     */
    Optional<MessageRow> messageToChange(long id) {
        if (!sql.engine().shared()) return message(id);
        Optional<String> orderId = sql.one("SELECT order_id FROM message WHERE id = ?", rs -> rs.getString(1), id);
        if (orderId.isEmpty()) return Optional.empty();
        lockJourney(orderId.get());
        return sql.one(MESSAGE + sql.engine().forUpdate(), LedgerStatements::message, id);
    }

    Optional<MessageRow> messageByRequestId(String requestId) {
        return sql.one(MESSAGE_BY_REQUEST_ID, LedgerStatements::message, requestId);
    }

    Optional<Long> messageIdBySmsId(String smsId) {
        return sql.one("SELECT id FROM message WHERE sms_id = ?", rs -> rs.getLong(1), smsId);
    }

    /** The message's events, oldest first. */
    List<EventRow> events(long messageId) {
        return sql.list("""
                SELECT id, message_id, at, type, status, source, repeats, late, conflict, detail, reported_at, capped
                FROM event WHERE message_id = ? ORDER BY at, id""", rs -> new EventRow(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getBoolean(8),
                rs.getBoolean(9), rs.getString(10), optional(rs, 11), rs.getInt(12)), messageId);
    }

    /** The id of the message that resent {@code id}, if any. */
    Optional<Long> resentAs(long id) { return sql.one(RESENT_AS, rs -> rs.getLong(1), id); }

    /**
     * Stores a new message; empty when its requestId is already stored (also by another instance a moment ago: the
     * unique constraint decides, and this insert waits for that one's commit).
     */
    Optional<Long> insertMessage(MessageRow m, Long inFlightUntil) {
        return sql.one("""
                INSERT INTO message (order_id, phone, phone_norm, template_id, oa_id, campaign_id, params, request_id,
                                     request_hash, sandbox, simulated, status, attempts, next_attempt_at, created_at,
                                     updated_at, send_before, in_flight_until, resend_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (request_id) DO NOTHING RETURNING id""", rs -> rs.getLong(1),
                m.orderId(), m.phone(), m.phoneNorm(), m.templateId(), m.oaId(), m.campaignId(), m.params(), m.requestId(),
                m.requestHash(), m.sandbox(), m.simulated(), m.status(), m.attempts(), m.nextAttemptAt(), m.createdAt(),
                m.createdAt(), m.sendBefore(), inFlightUntil, m.resendOf());
    }

    void updateMessage(MessageRow m) {
        sql.update("""
                UPDATE message SET status = ?, sms_id = ?, esms_code = ?, esms_message = ?, failure_reason = ?, price = ?,
                       attempts = ?, next_attempt_at = ?, updated_at = ?, failure_kind = ?, zalo_message_id = ?,
                       on_phone_at = ?
                WHERE id = ?""",
                m.status(), m.smsId(), m.esmsCode(), m.esmsMessage(), m.failureReason(), m.price(), m.attempts(),
                m.nextAttemptAt(), m.updatedAt(), m.failureKind(), m.zaloMessageId(), m.onPhoneAt(), m.id());
    }

    /** Identical callbacks share a dedupe key: the second copy only counts a repeat. Returns the repeats. */
    int insertEvent(long messageId, Report r, boolean late, boolean conflict) {
        return (int) sql.number("""
                INSERT INTO event (message_id, at, type, status, source, repeats, late, conflict, detail, dedupe_key,
                                   reported_at)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
                ON CONFLICT (message_id, dedupe_key) DO UPDATE SET repeats = event.repeats + 1
                RETURNING repeats""",
                messageId, r.at(), r.type(), r.reported() == null ? null : r.reported().name(), r.source(), late, conflict,
                r.detail(), r.dedupeKey(), r.facts().reportedAt());
    }

    /** Takes back an event just stored (a callback over its message's cap). */
    void deleteEvent(long messageId, String dedupeKey) {
        sql.update("DELETE FROM event WHERE message_id = ? AND dedupe_key = ?", messageId, dedupeKey);
    }

    int eventsFrom(long messageId, String source) {
        return (int) sql.number("SELECT COUNT(*) FROM event WHERE message_id = ? AND source = ?", messageId, source);
    }

    /** Counts one more repeat, marked capped, on the message's newest event from {@code source}; returns its repeats. */
    int foldIntoLast(long messageId, String source) {
        return (int) sql.number("""
                UPDATE event SET repeats = repeats + 1, capped = capped + 1
                WHERE id = (SELECT MAX(id) FROM event WHERE message_id = ? AND source = ?)
                RETURNING repeats""", messageId, source);
    }

    void ensureJourney(String orderId, long at) {
        sql.update("""
                INSERT INTO journey (order_id, status, message_count, created_at, last_activity_at)
                VALUES (?, 'ACTIVE', 0, ?, ?) ON CONFLICT (order_id) DO NOTHING""", orderId, at, at);
    }

    /** The journey's distinct phones as given, comma-separated; the row stays locked to the end of the transaction. */
    String phones(String orderId) {
        return sql.one("SELECT phones FROM journey WHERE order_id = ?" + sql.engine().forUpdate(), rs -> rs.getString(1), orderId)
                .orElse("");
    }

    /** Locks the journey's row: its recount must see every message change committed before it. */
    void lockJourney(String orderId) {
        sql.one("SELECT id FROM journey WHERE order_id = ?" + sql.engine().forUpdate(), rs -> rs.getLong(1), orderId);
    }

    void setPhones(String orderId, String phones) {
        sql.update("UPDATE journey SET phones = ? WHERE order_id = ?", phones, orderId);
    }

    /** Messages per status, counting only the newest of each step (a resent message no longer counts). */
    List<Map.Entry<String, Integer>> statusCounts(String orderId) {
        return sql.list("""
                SELECT status, COUNT(*) FROM message m WHERE order_id = ?
                  AND NOT EXISTS (SELECT 1 FROM message r WHERE r.resend_of = m.id)
                GROUP BY status""", rs -> Map.entry(rs.getString(1), rs.getInt(2)), orderId);
    }

    void updateJourney(String orderId, String status, int count, long at) {
        sql.update("""
                UPDATE journey SET status = ?, message_count = ?,
                       last_activity_at = CASE WHEN last_activity_at > ? THEN last_activity_at ELSE ? END
                WHERE order_id = ?""", status, count, at, at, orderId);
    }

    void touchActivity(String orderId, long at) {
        sql.update("UPDATE journey SET last_activity_at = ? WHERE order_id = ? AND last_activity_at < ?", at, orderId, at);
    }

    private static MessageRow message(ResultSet rs) throws SQLException {
        return new MessageRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getBoolean(11),
                rs.getBoolean(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getInt(19), optional(rs, 20), rs.getLong(21), rs.getLong(22), optional(rs, 23),
                rs.getString(24), rs.getString(25), optional(rs, 26), optional(rs, 27), rs.getString(28), rs.getString(29));
    }

    private static Long optional(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
