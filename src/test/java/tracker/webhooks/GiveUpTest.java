package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/** With a short schedule (WEBHOOK_RETRY_DELAYS): a delivery fails after its last attempt; 3 days of failures disable the endpoint. */
class GiveUpTest extends WebhookTestBase {
    @Override protected Map<String, String> extraEnv() {
        return Map.of("WEBHOOK_ALLOW_PRIVATE", "true", "WEBHOOK_RETRY_DELAYS", "PT1S,PT1S");
    }

    @Test
    void a_delivery_is_failed_after_its_last_retry_and_an_endpoint_failing_for_three_days_is_disabled_and_says_so() {
        for (int i = 0; i < 10; i++) receiver.codes.add(500);
        esmsDown(); // the clock moves past RECONCILE_AFTER: the reconciler's questions go unanswered
        long id = register(receiver.url(), "message.status_changed").get("id").asLong();
        Sent s = sendAccepted("HD-WH-G", "SMS-G");
        for (int n = 1; n <= 2; n++) {
            int want = n;
            TestServer.await(want + " attempts", () -> attempts(id).size() >= want);
            server.clock.advance(Duration.ofSeconds(1));
        }
        JsonNode gaveUp = awaitSettled(id);
        assertThat(gaveUp.get("failed").asInt()).isEqualTo(1);
        assertThat(attempts(id)).hasSize(3);
        assertThat(gaveUp.get("enabled").asBoolean()).isTrue();

        server.clock.advance(Duration.ofDays(3));
        callback(s, "SMSID=SMS-G&" + DELIVERED); // its first attempt fails 3 days after the first failure
        TestServer.await("the endpoint disabled", () -> !endpoint(id).get("enabled").asBoolean());
        JsonNode disabled = endpoint(id);
        assertThat(disabled.get("disabledReason").asText()).contains("3 days");
        assertThat(disabled.get("pending").asInt()).isZero();
        assertThat(disabled.get("failed").asInt()).isEqualTo(2);
    }
}
