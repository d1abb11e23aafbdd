package tracker.esms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What eSMS said to a status question: its code (null when it could not be asked), a message for a refusal, and
 * the status records it returned, each flattened to name → text like a callback's fields.
 */
public record Lookup(String code, String reason, List<Map<String, String>> items) {
    public static Lookup unreachable(String reason) { return new Lookup(null, reason, List.of()); }

    public boolean ok() { return "100".equals(code); }

    /** 105 on GetSendStatus: eSMS does not know the SMSID (yet, or no more after 7 days). */
    public boolean notFound() { return "105".equals(code); }

    /** Why the question failed, in words, for logs and the refresh answer. */
    public String problem() {
        if (code == null) return reason;
        return EsmsCodes.describe(code, reason);
    }

    static Map<String, String> flat(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> {
            if (!e.getValue().isContainerNode()) m.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        });
        return m;
    }
}
