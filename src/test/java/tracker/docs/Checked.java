package tracker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import tracker.TestServer;

/**
 * Calls the real service and fails on any answer its description does not describe: unknown operation or status,
 * another media type, or a body its schema refuses. Remembers every "METHOD /template status" it checked.
 */
final class Checked {
    static final MediaType JSON = MediaType.get("application/json");
    /** Every answer checked so far, in all tests of the run, as "GET /api/journeys/{orderId} 200". */
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    /** An answer: its status, Content-Type, headers and body (empty for an event stream, which never ends). */
    record Answer(int status, String type, okhttp3.Headers headers, String body) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final TestServer server;
    private final Description description;
    /** No API token, no cookie: what a stranger (or eSMS) sends. */
    private final OkHttpClient anonymous = new OkHttpClient();

    Checked(TestServer server) {
        this.server = server;
        this.description = new Description(server.get("/openapi.json").body());
    }

    Answer get(String path) { return call(request(path).get(), false); }

    Answer post(String path, String json) { return call(request(path).post(RequestBody.create(json, JSON)), false); }

    Answer delete(String path) { return call(request(path).delete(), false); }

    Request.Builder request(String path) { return new Request.Builder().url(server.url(path)); }

    /** {@code anonymous}: without the API token the test server's own client adds. */
    Answer call(Request.Builder builder, boolean anonymous) {
        Request req = builder.build();
        try (Response res = (anonymous ? this.anonymous : server.http).newCall(req).execute()) {
            String type = res.header("Content-Type");
            boolean stream = type != null && type.startsWith("text/event-stream");
            Answer a = new Answer(res.code(), type, res.headers(), stream ? "" : res.body().string());
            check(req.method(), req.url().encodedPath(), a);
            String sent = jsonBody(req);
            if (a.status() < 300 && sent != null) { // what the service took must be what the description allows
                assertThat(description.requestProblems(req.method(), description.template(req.method(), req.url().encodedPath()),
                        sent)).as(req.method() + " " + req.url().encodedPath() + " took " + sent).isEmpty();
            }
            return a;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The request's body when it is non-empty JSON, else null. */
    private static String jsonBody(Request req) throws IOException {
        RequestBody body = req.body();
        MediaType type = body == null ? null : body.contentType();
        if (type == null || body.contentLength() == 0 || !type.subtype().equals("json")) return null;
        Buffer copy = new Buffer();
        body.writeTo(copy);
        return copy.readUtf8();
    }

    private void check(String method, String path, Answer a) {
        String template = description.template(method, path);
        assertThat(template).as(method + " " + path + " is described").isNotNull();
        assertThat(description.problems(method, template, a.status(), a.type(), a.body()))
                .as(method + " " + path + " answered " + a.status()).isEmpty();
        SEEN.add(method + " " + template + " " + a.status());
    }
}
