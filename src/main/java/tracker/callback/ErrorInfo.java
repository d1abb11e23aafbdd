package tracker.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tracker.esms.ZaloErrors;
import tracker.ledger.Refused;

/**
 * Zalo's result inside a callback's error_info, however eSMS encoded it: URL-encoded once or twice, a quoted
 * JSON string with escaped quotes, junk after the JSON. {@code error} is null when no JSON could be found.
 */
public record ErrorInfo(String raw, String decoded, Integer error, String message, Long onPhoneAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STAMP =
            Pattern.compile("____\\s*(\\d{2})/(\\d{2})/(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})");
    /** Vietnam has kept UTC+7 without daylight saving since 1975: a fixed offset, no zone rules to look up. */
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    public static ErrorInfo decode(String value) {
        if (value == null || value.isBlank()) return null;
        String text = value;
        for (int i = 0; i < 4; i++) { // decode until stable: eSMS encodes once or twice
            String next;
            try {
                next = Fields.decode(text, false);
            } catch (Refused notUtf8) {
                break; // the bytes after another round would not be text: this round is the answer
            }
            if (next.equals(text)) break;
            text = next;
        }
        String t = text.strip();
        if (t.startsWith("\"")) { // a JSON string holding the JSON text: "{\"error\":-114,...}"
            try {
                JsonNode s = JSON.readTree(t.substring(0, closingQuote(t) + 1));
                if (s.isTextual()) t = s.textValue();
            } catch (IOException | RuntimeException ignored) { /* fall through to the object search */ }
        }
        JsonNode obj = firstObject(t);
        if (obj == null) return new ErrorInfo(value, text, null, null, null);
        JsonNode err = obj.get("error");
        Integer code = err != null && err.canConvertToInt() ? err.asInt()
                : err != null && err.isTextual() && err.textValue().matches("-?\\d{1,9}") ? Integer.valueOf(err.textValue()) : null;
        JsonNode msg = obj.get("message");
        return new ErrorInfo(value, text, code, msg != null && msg.isTextual() ? msg.textValue() : null, onPhone(obj.path("data")));
    }

    /** data.status 1 = on the customer's phone, at data.delivery_time (epoch ms); anything else says nothing yet. */
    static Long onPhone(JsonNode data) {
        if (data.path("status").asInt(0) != 1) return null;
        JsonNode t = data.path("delivery_time");
        String digits = t.isNumber() ? t.asText() : t.asText("");
        return digits.matches("\\d{10,15}") ? Long.valueOf(digits) : null;
    }

    /** For an event's detail: Zalo's code and message, and the text they were decoded from. */
    public java.util.Map<String, Object> asDetail() {
        java.util.Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("error", error);
        info.put("message", message);
        info.put("decoded", decoded);
        if (onPhoneAt != null) info.put("onPhoneAt", tracker.ledger.Detail.instant(onPhoneAt));
        Long at = reportedAt();
        if (at != null) info.put("reportedAt", tracker.ledger.Detail.instant(at));
        return info;
    }

    /** "Zalo error -114: User is inactive — the recipient is …", or null when Zalo reported success or nothing readable. */
    public String reason() {
        if (error == null || error == 0) return null;
        return ZaloErrors.reason(error, message);
    }

    /** When eSMS recorded the outcome: the "____dd/MM/yyyy HH:mm:ss" after the JSON, Vietnam time, as epoch ms UTC. */
    public Long reportedAt() {
        Matcher m = STAMP.matcher(decoded);
        if (!m.find()) return null;
        try {
            return LocalDateTime.of(n(m, 3), n(m, 2), n(m, 1), n(m, 4), n(m, 5), n(m, 6)).toInstant(VIETNAM).toEpochMilli();
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    private static int n(Matcher m, int group) { return Integer.parseInt(m.group(group)); }

    private static int closingQuote(String t) {
        for (int i = 1; i < t.length(); i++) {
            if (t.charAt(i) == '\\') i++;
            else if (t.charAt(i) == '"') return i;
        }
        return t.length() - 1;
    }

    /** The first balanced {...} in the text, parsed; trailing junk such as ____24/04/2024 is ignored. */
    private static JsonNode firstObject(String t) {
        int start = t.indexOf('{');
        if (start < 0) return null;
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) {
                try {
                    JsonNode n = JSON.readTree(t.substring(start, i + 1));
                    return n != null && n.isObject() ? n : null;
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
