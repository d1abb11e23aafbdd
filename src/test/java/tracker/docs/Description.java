package tracker.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tracker.TestServer;

/**
 * The OpenAPI document the service serves, and the check of a real answer against it: the operation its method and
 * path name, the response its status names, the media type its Content-Type names, and the body against that
 * response's schema (JSON Schema 2020-12, OpenAPI 3.1's dialect). Nothing is fetched: the schemas are all local.
 */
final class Description {
    /** The document's made-up address, so that its "#/components/..." references resolve inside it. */
    private static final String IRI = "https://tracker.invalid/openapi.json";
    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    final JsonNode doc;
    private final SchemaRegistry registry;

    Description(String text) {
        try {
            this.doc = TestServer.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("/openapi.json is not JSON", e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(IRI, text)));
    }

    /** Every operation as "METHOD /path/{param}", e.g. "GET /api/journeys/{orderId}". */
    List<String> operations() {
        List<String> out = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> {
            for (String m : METHODS) if (p.getValue().has(m)) out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        });
        return out;
    }

    /** The path template that {@code path} (no query) matches, concrete segments before parameters; null if none. */
    String template(String method, String path) {
        List<String> candidates = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(t -> {
            if (doc.get("paths").get(t).has(method.toLowerCase(Locale.ROOT)) && path.matches(regex(t))) candidates.add(t);
        });
        return candidates.stream().min(Comparator.comparingLong((String t) -> t.chars().filter(c -> c == '{').count()))
                .orElse(null);
    }

    /** What is wrong with this answer according to the description; empty when it matches. */
    List<String> problems(String method, String template, int status, String contentType, String body) {
        String at = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = node(at);
        if (response == null) return List.of(method + " " + template + " does not describe status " + status);
        if (response.has("$ref")) {
            at = response.get("$ref").asText().substring(1);
            response = node(at);
        }
        JsonNode content = response.get("content");
        if (content == null) {
            return body.isEmpty() ? List.of() : List.of(status + " is described without a body, but one came: " + body);
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(type)) return List.of(status + " is not described as " + type + " (only " + names(content) + ")");
        if (!type.equals("application/json")) return List.of();
        JsonNode answer;
        try {
            answer = TestServer.JSON.readTree(body);
        } catch (IOException e) {
            return List.of(status + " says application/json but is not JSON: " + body);
        }
        Schema schema = registry.getSchema(SchemaLocation.of(IRI + "#" + fragment(at + "/content/" + escape(type) + "/schema")));
        return schema.validate(answer).stream().map(e -> status + ": " + e + " in " + shorten(body)).toList();
    }

    /** What is wrong with a JSON request body the service accepted, according to the operation's request schema. */
    List<String> requestProblems(String method, String template, String body) {
        String at = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/requestBody/content/"
                + escape("application/json") + "/schema";
        if (node(at) == null) return List.of(method + " " + template + " describes no JSON body, but took one");
        JsonNode request;
        try {
            request = TestServer.JSON.readTree(body);
        } catch (IOException e) {
            return List.of("the request body is not JSON: " + body);
        }
        return registry.getSchema(SchemaLocation.of(IRI + "#" + fragment(at))).validate(request).stream()
                .map(e -> "request: " + e).toList();
    }

    /** The described webhooks (what we POST to your endpoints), by event type. */
    List<String> webhooks() {
        List<String> out = new ArrayList<>();
        doc.path("webhooks").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** What is wrong with a webhook's body, according to the description's {@code webhooks} entry for its type. */
    List<String> webhookProblems(String type, String body) throws IOException {
        String at = "/webhooks/" + escape(type) + "/post/requestBody/content/" + escape("application/json") + "/schema";
        if (node(at) == null) return List.of("no webhook " + type + " is described");
        return registry.getSchema(SchemaLocation.of(IRI + "#" + fragment(at))).validate(TestServer.JSON.readTree(body)).stream()
                .map(e -> type + ": " + e + " in " + shorten(body)).toList();
    }

    /** The schema the document uses for its own errors, wherever a response >= 400 is described. */
    JsonNode errorResponseSchema(JsonNode response) {
        JsonNode r = response.has("$ref") ? node(response.get("$ref").asText().substring(1)) : response;
        return r.path("content").path("application/json").path("schema");
    }

    JsonNode node(String pointer) {
        JsonNode n = doc.at(pointer);
        return n.isMissingNode() ? null : n;
    }

    private static String regex(String template) {
        StringBuilder sb = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            sb.append(part.startsWith("{") ? "[^/]+" : java.util.regex.Pattern.quote(part));
        }
        return sb.toString();
    }

    static String escape(String key) { return key.replace("~", "~0").replace("/", "~1"); }

    /** A JSON pointer as a URI fragment (RFC 6901, section 6): our paths' braces percent-encoded. */
    private static String fragment(String pointer) { return pointer.replace("{", "%7B").replace("}", "%7D"); }

    private static String names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) out.add(it.next());
        return String.join(", ", out);
    }

    private static String shorten(String body) { return body.length() > 300 ? body.substring(0, 300) + "…" : body; }
}
