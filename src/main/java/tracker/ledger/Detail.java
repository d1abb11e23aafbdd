package tracker.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON and time helpers for what we store in text columns. */
public final class Detail {
    /** ISO-8601 UTC with milliseconds always present (Instant.toString drops them when zero). */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Detail() {}

    public static String instant(long epochMillis) { return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis)); }

    public static String instant(Long epochMillis) { return epochMillis == null ? null : instant(epochMillis.longValue()); }

    /** A JSON object from key/value pairs, skipping null values. */
    public static String of(ObjectMapper json, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return write(json, m);
    }

    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode detail", e);
        }
    }

    /** eSMS's answer as JSON when it is JSON (it always is when we record it), else the text itself. */
    public static Object tree(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    public static List<String> readList(ObjectMapper json, String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored params are not a JSON array", e);
        }
    }
}
