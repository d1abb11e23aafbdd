package tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The service against eSMS played by MockWebServer: one fresh server and database per test. */
public abstract class EsmsTestBase {
    @StartStop public final MockWebServer esms = new MockWebServer();
    /** eSMS answers only what a test queued; anything else fails the test (see {@link #esmsDown()}). */
    protected final AnswerQueue answers = new AnswerQueue();
    @TempDir public Path dir;
    protected TestServer server;

    /** A message the service sent, with what eSMS received for it. */
    public record Sent(TestServer.Reply reply, JsonNode esmsBody) {
        public long id() { return reply.json().get("id").asLong(); }
        public String callbackPath() { return TestServer.pathOf(esmsBody.get("CallbackUrl").asText()); }
    }

    protected Map<String, String> extraEnv() { return Map.of(); }

    @BeforeEach
    void startServer() {
        esms.setDispatcher(answers);
        server = new TestServer(dir, esms.url("/").toString().replaceAll("/$", ""), extraEnv());
    }

    /** Stops the server first, so nothing reaches eSMS after the check. */
    @AfterEach
    void stopServerAndCheckEsmsGotOnlyExpectedRequests() {
        server.close();
        List<String> unexpected = esms.getDispatcher() instanceof AnswerQueue q ? q.unexpected()
                : esms.getDispatcher() instanceof FakeEsms f ? f.unexpected() : List.of();
        assertThat(unexpected).as("requests eSMS got with no answer queued (queue one, or call esmsDown())").isEmpty();
    }

    /** eSMS is unreachable for every request the test queued no answer for: a deliberate outage, not a mistake. */
    protected void esmsDown() { answers.down(); }

    public static MockResponse accepted(String smsId) {
        return json("{\"CodeResult\":\"100\",\"CountRegenerate\":0,\"SMSID\":\"" + smsId + "\"}");
    }

    public static MockResponse refused(String code, String message) {
        return json("{\"CodeResult\":\"" + code + "\",\"CountRegenerate\":0,\"ErrorMessage\":\"" + message + "\"}");
    }

    public static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static String body(String phone, String requestId) {
        return "{\"phone\":\"" + phone + "\",\"templateId\":\"540679\",\"params\":[\"Nguyễn Văn A\",\"HD00001\"]"
                + (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}";
    }

    /** Sends a message for {@code orderId} that eSMS accepts with {@code smsId}. */
    protected Sent sendAccepted(String orderId, String smsId) {
        esms.enqueue(accepted(smsId));
        TestServer.Reply reply = server.send(orderId, body("0901888484", null));
        return new Sent(reply, takeEsmsBody());
    }

    protected JsonNode takeEsmsBody() {
        try {
            return TestServer.JSON.readTree(takeEsmsRequest().getBody().utf8());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The next request eSMS received, waiting up to 5 s for it. */
    protected RecordedRequest takeEsmsRequest() {
        try {
            RecordedRequest r = esms.takeRequest(5, TimeUnit.SECONDS);
            if (r == null) throw new AssertionError("eSMS received no request");
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Delivers a callback the way eSMS does: GET {CallbackUrl}?{query}, the query byte-exact. */
    protected int callback(Sent sent, String query) { return server.rawGet(sent.callbackPath() + "?" + query); }

    protected JsonNode message(long id) { return server.get("/api/messages/" + id).json(); }

    /** The newest event of a message, as the API shows it. */
    protected JsonNode lastEvent(long id) {
        JsonNode events = message(id).get("events");
        return events.get(events.size() - 1);
    }

    protected JsonNode journey(String orderId) { return server.get("/api/journeys/" + orderId).json(); }
}
