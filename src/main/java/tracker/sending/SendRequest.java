package tracker.sending;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import tracker.ledger.Phone;
import tracker.ledger.Refused;
import tracker.web.Input;

/** A validated send: everything needed to store the message and call eSMS. */
public record SendRequest(String orderId, String phone, String phoneNorm, String templateId, List<String> params,
                          String oaId, String campaignId, String requestId, boolean sandbox, Instant sendBefore) {
    public static final int MAX_PARAMS = 20;
    public static final int MAX_PARAM_LENGTH = 500;
    private static final Set<String> FIELDS =
            Set.of("phone", "templateId", "params", "oaId", "campaignId", "requestId", "sandbox", "sendBefore");

    /**
     * Validates a parsed body; {@code pathOrderId} is the order id from the path, or null when the body carries it
     * as {@code orderId}; {@code defaultOaId} is ESMS_OAID (may be null). Refuses naming the field.
     */
    public static SendRequest parse(String pathOrderId, JsonNode body, String defaultOaId) {
        if (body == null || !body.isObject()) throw Refused.invalid("body must be a JSON object", "body");
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f) && !(pathOrderId == null && f.equals("orderId"))) {
                throw Refused.invalid("unknown field '" + f + "'", f);
            }
        });
        String orderId = pathOrderId != null ? pathOrderId : string(body, "orderId", true);
        Input.identifier(orderId, "orderId", 100);
        String phone = string(body, "phone", true);
        String norm = Phone.normalise(phone).orElseThrow(() -> Refused.invalid(
                "phone must be a Vietnamese mobile number: 0xxxxxxxxx, 84xxxxxxxxx or +84xxxxxxxxx", "phone"));
        String templateId = Input.identifier(string(body, "templateId", true), "templateId", 50);
        List<String> params = params(body.get("params"));
        String oaId = string(body, "oaId", false);
        if (oaId == null) oaId = defaultOaId;
        if (oaId == null) throw Refused.invalid("oaId is required (or set ESMS_OAID on the service)", "oaId");
        Input.identifier(oaId, "oaId", 64);
        String campaignId = string(body, "campaignId", false);
        if (campaignId != null) Input.text(campaignId, "campaignId", 254);
        String requestId = string(body, "requestId", false);
        if (requestId != null) Input.identifier(requestId, "requestId", 50);
        JsonNode sb = body.get("sandbox");
        if (sb != null && !sb.isNull() && !sb.isBoolean()) throw Refused.invalid("sandbox must be true or false", "sandbox");
        boolean sandbox = sb != null && sb.asBoolean(false);
        return new SendRequest(orderId, Input.text(phone, "phone", 20), norm, templateId, params, oaId, campaignId, requestId,
                sandbox, instant(string(body, "sendBefore", false), "sendBefore"));
    }

    public SendRequest withRequestId(String id) {
        return new SendRequest(orderId, phone, phoneNorm, templateId, params, oaId, campaignId, id, sandbox, sendBefore);
    }

    /** Identifies the content of the send, so a replayed requestId can be told from a conflicting one. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Object part : List.of(orderId, phoneNorm, templateId, params, oaId, String.valueOf(campaignId), sandbox)) {
            String s = String.valueOf(part);
            sb.append(s.length()).append(':').append(s).append('|');
        }
        if (sendBefore != null) sb.append("sendBefore:").append(sendBefore.toEpochMilli()); // absent: old fingerprints hold
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) throw Refused.invalid(field + " is required", field);
            return null;
        }
        if (!n.isTextual()) throw Refused.invalid(field + " must be a string", field);
        return n.textValue();
    }

    /** An ISO-8601 instant with Z or an offset, e.g. 2026-11-28T17:00:00+07:00. */
    private static Instant instant(String text, String field) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Refused.invalid(field + " must be an ISO-8601 instant such as 2026-11-28T17:00:00Z", field);
        }
    }

    private static List<String> params(JsonNode n) {
        if (n == null || n.isNull()) throw Refused.invalid("params is required (an array of strings)", "params");
        if (!n.isArray()) throw Refused.invalid("params must be an array of strings", "params");
        if (n.size() > MAX_PARAMS) throw Refused.invalid("params has more than " + MAX_PARAMS + " items", "params");
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode p : n) {
            if (!p.isTextual()) throw Refused.invalid("params must contain only strings", "params");
            out.add(Input.text(p.textValue(), "params", MAX_PARAM_LENGTH));
        }
        return List.copyOf(out);
    }
}
