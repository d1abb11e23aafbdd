package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import tracker.TestDatabases;
import tracker.TestServer;
import tracker.webhooks.Receiver;

/** SIGKILL between a status change and its webhook's answer: the event is in the outbox and goes out after the restart. */
class WebhookKillNineTest extends ChildTestBase {
    @Test
    void a_webhook_cut_off_by_kill_9_is_delivered_after_the_restart_with_the_same_webhook_id() {
        try (Receiver receiver = new Receiver()) {
            receiver.hang = new CountDownLatch(1); // the first attempt reaches the receiver and is never answered
            startChild(Map.of("WEBHOOK_ALLOW_PRIVATE", "true"));
            TestServer.Reply created = child.call(new okhttp3.Request.Builder().url(child.url("/api/webhooks"))
                    .post(okhttp3.RequestBody.create("{\"url\":\"" + receiver.url() + "\",\"events\":[\"message.status_changed\"]}",
                            okhttp3.MediaType.get("application/json"))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String secret = created.json().get("secret").asText();

            sendAccepted("HD-WH-KILL"); // QUEUED -> ACCEPTED, answered 201 once committed with its outbox row
            receiver.awaitRequests(1);
            child.kill9();
            receiver.release();
            child.start();

            // on PostgreSQL the killed process's lease on the endpoint (30 s) runs out before the restarted one sends
            TestServer.await("a delivery answered 2xx", Duration.ofSeconds(TestDatabases.POSTGRES ? 60 : 20),
                    () -> !receiver.answered2xx().isEmpty());
            Receiver.Got first = receiver.snapshot().get(0), delivered = receiver.answered2xx().get(0);
            assertThat(delivered.id()).isEqualTo(first.id());
            assertThat(delivered.body()).isEqualTo(first.body());
            assertThat(Receiver.verifies(secret, delivered)).isTrue();
            TestServer.await("the delivery marked delivered",
                    () -> query(child.databaseUrl, "SELECT state FROM webhook_delivery").equals(List.of(List.of("DELIVERED"))));
            JsonNode listed = child.get("/api/webhooks").json().get("endpoints").get(0);
            assertThat(listed.get("delivered").asInt()).isEqualTo(1);
            child.stop();
            assertThat(child.output()).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
        }
    }
}
