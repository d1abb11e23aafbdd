package tracker.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One row of the message table. Times are epoch milliseconds. */
public record MessageRow(long id, String orderId, String phone, String phoneNorm, String templateId, String oaId,
                         String campaignId, String params, String requestId, String requestHash, boolean sandbox,
                         boolean simulated, String smsId, String status, String esmsCode, String esmsMessage,
                         String failureReason, String price, int attempts, Long nextAttemptAt, long createdAt,
                         long updatedAt, Long sendBefore, String failureKind, String zaloMessageId, Long resendOf,
                         Long onPhoneAt, String heldReason, String esmsRequestId) {
    public Status statusEnum() { return Status.valueOf(status); }

    /** The RequestId eSMS gets: the client's, unless a held message eSMS never took was given a fresh one. */
    public String requestIdForEsms() { return esmsRequestId != null ? esmsRequestId : requestId; }

    /** The same row with another attempt count and next attempt (as a retry claim just stored them). */
    public MessageRow withAttempt(int attempt, Long next) {
        return new MessageRow(id, orderId, phone, phoneNorm, templateId, oaId, campaignId, params, requestId, requestHash,
                sandbox, simulated, smsId, status, esmsCode, esmsMessage, failureReason, price, attempt, next, createdAt,
                updatedAt, sendBefore, failureKind, zaloMessageId, resendOf, onPhoneAt, heldReason, esmsRequestId);
    }

    /** A nullable INTEGER column. */
    static Long optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** By hand: Jdbi's ConstructorMapper re-inspects every parameter by reflection on every query (profiled). */
    public static final class Mapper implements RowMapper<MessageRow> {
        @Override
        public MessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            Long nextAttemptAt = optionalLong(rs, "next_attempt_at");
            Long sendBefore = optionalLong(rs, "send_before");
            return new MessageRow(rs.getLong("id"), rs.getString("order_id"), rs.getString("phone"),
                    rs.getString("phone_norm"), rs.getString("template_id"), rs.getString("oa_id"),
                    rs.getString("campaign_id"), rs.getString("params"), rs.getString("request_id"),
                    rs.getString("request_hash"), rs.getBoolean("sandbox"), rs.getBoolean("simulated"),
                    rs.getString("sms_id"), rs.getString("status"), rs.getString("esms_code"),
                    rs.getString("esms_message"), rs.getString("failure_reason"), rs.getString("price"),
                    rs.getInt("attempts"), nextAttemptAt, rs.getLong("created_at"), rs.getLong("updated_at"),
                    sendBefore, rs.getString("failure_kind"), rs.getString("zalo_message_id"), optionalLong(rs, "resend_of"),
                    optionalLong(rs, "on_phone_at"), rs.getString("held_reason"), rs.getString("esms_request_id"));
        }
    }
}
