package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/** RETENTION_DAYS purges the webhook events and their attempt log too. */
class WebhookRetentionTest extends WebhookTestBase {
    @Override protected Map<String, String> extraEnv() { return Map.of("WEBHOOK_ALLOW_PRIVATE", "true", "RETENTION_DAYS", "1"); }

    /** eSMS with state: the clock passes RECONCILE_AFTER, and the reconciler's questions get answers too. */
    private final tracker.FakeEsms fake = new tracker.FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    private void send(String orderId) {
        assertThat(server.send(orderId, body("0901888484", null)).status()).isEqualTo(201);
    }

    @Test
    void webhook_events_and_attempts_older_than_retention_days_are_purged() {
        long id = register(receiver.url(), "message.status_changed").get("id").asLong();
        send("HD-WH-OLD");
        awaitSettled(id);
        server.clock.advance(Duration.ofHours(23));
        send("HD-WH-NEW");
        awaitSettled(id);
        assertThat(attempts(id)).hasSize(2);
        server.clock.advance(Duration.ofHours(1).plusMinutes(1));

        TestServer.await("the purge", () -> attempts(id).size() == 1);
        assertThat(attempts(id).get(0).get("webhookId").asText()).isEqualTo(receiver.snapshot().get(1).id());
        assertThat(endpoint(id).get("delivered").asInt()).isEqualTo(1);
        // replay reaches back no further than what is kept
        assertThat(server.post("/api/webhooks/" + id + "/replay?since=2026-01-01T00:00:00Z", "").json().get("replayed").asInt()).isEqualTo(1);
    }
}
