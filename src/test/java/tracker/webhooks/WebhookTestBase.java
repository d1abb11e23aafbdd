package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** The service with MockWebServer as eSMS, private webhook targets allowed, and receivers on this machine. */
abstract class WebhookTestBase extends EsmsTestBase {
    static final String DELIVERED = "SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27";
    final Receiver receiver = new Receiver();

    @Override protected Map<String, String> extraEnv() { return Map.of("WEBHOOK_ALLOW_PRIVATE", "true"); }

    @AfterEach void closeReceiver() { receiver.close(); }

    /** Registers {@code url} for {@code events}; returns the answer (with the secret). */
    JsonNode register(String url, String... events) {
        TestServer.Reply r = server.post("/api/webhooks", TestServer.JSON.createObjectNode().put("url", url)
                .set("events", TestServer.JSON.valueToTree(List.of(events))).toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** The endpoint's attempt log, newest first. */
    JsonNode attempts(long id) { return server.get("/api/webhooks/" + id + "/attempts").json().get("attempts"); }

    /** The endpoint as GET /api/webhooks lists it. */
    JsonNode endpoint(long id) {
        for (JsonNode e : server.get("/api/webhooks").json().get("endpoints")) if (e.get("id").asLong() == id) return e;
        throw new AssertionError("no endpoint " + id);
    }

    /**
     * Waits until the endpoint has nothing pending: the outbox is written with each change, before its answer, so
     * then every delivery the changes so far caused has been made.
     */
    JsonNode awaitSettled(long id) {
        TestServer.await("endpoint " + id + " to have nothing pending", () -> endpoint(id).get("pending").asInt() == 0);
        return endpoint(id);
    }
}
