package tracker.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One notice on the wire: {"from": instance, "topic": ..., "items": [...]} ({@code items} null: anything of the topic
 * may have changed). PostgreSQL refuses a payload of 8000 bytes or more, so many items travel in several.
 */
record NoticePayload(String from, String topic, Set<String> items) {
    /** Bytes per payload, under PostgreSQL's 8000. */
    static final int MAX_BYTES = 7_900;
    private static final ObjectMapper JSON = new ObjectMapper();

    static String everything(String from, String topic) { return write(head(from, topic).putNull("items")); }

    /** {@code items} in as few payloads as fit; an item too big for any payload makes its topic "everything". */
    static List<String> chunks(String from, String topic, Collection<String> items) {
        int base = bytes(write(head(from, topic).putArray("items")));
        List<String> out = new ArrayList<>();
        ObjectNode current = head(from, topic);
        ArrayNode list = current.putArray("items");
        int size = base;
        for (String item : items) {
            int more = bytes(write(JSON.getNodeFactory().textNode(item))) + 1; // and a comma
            if (base + more > MAX_BYTES) return List.of(everything(from, topic));
            if (size + more > MAX_BYTES) {
                out.add(write(current));
                current = head(from, topic);
                list = current.putArray("items");
                size = base;
            }
            list.add(item);
            size += more;
        }
        if (!list.isEmpty()) out.add(write(current));
        return out;
    }

    /** The notice in {@code payload}, or null when it is not one this build reads. */
    static NoticePayload parse(String payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            if (n == null || !n.path("from").isTextual() || !n.path("topic").isTextual()) return null;
            JsonNode items = n.get("items");
            if (items == null || items.isNull()) return new NoticePayload(n.get("from").asText(), n.get("topic").asText(), null);
            if (!items.isArray()) return null;
            Set<String> set = new LinkedHashSet<>();
            for (JsonNode i : items) set.add(i.asText());
            return new NoticePayload(n.get("from").asText(), n.get("topic").asText(), set);
        } catch (IOException e) {
            return null;
        }
    }

    private static ObjectNode head(String from, String topic) { return JSON.createObjectNode().put("from", from).put("topic", topic); }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bytes(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }
}
