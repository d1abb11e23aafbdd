package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/** Failed deliveries are retried on the schedule (the test clock moves, nothing sleeps), with the same webhook-id. */
class RetryTest extends WebhookTestBase {
    private void awaitAttempts(long id, int n) {
        TestServer.await(n + " attempts logged", () -> attempts(id).size() >= n);
    }

    @Test
    void a_receiver_that_fails_three_times_then_succeeds_gets_the_same_webhook_id_each_time_and_the_event_once() {
        receiver.codes.addAll(List.of(500, 503, 404));
        esmsDown(); // the clock moves past RECONCILE_AFTER: the reconciler's questions go unanswered
        JsonNode created = register(receiver.url(), "message.status_changed");
        long id = created.get("id").asLong();
        sendAccepted("HD-WH-R", "SMS-R");
        int n = 1;
        for (Duration wait : List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30))) {
            awaitAttempts(id, n++);
            assertThat(endpoint(id).get("failingSince").asText()).isEqualTo("2026-11-28T08:00:00.000Z");
            server.clock.advance(wait);
        }
        JsonNode settled = awaitSettled(id);

        List<Receiver.Got> got = receiver.snapshot();
        assertThat(got).extracting(Receiver.Got::answered).containsExactly(500, 503, 404, 200);
        assertThat(got).extracting(Receiver.Got::id).containsOnly(got.get(0).id());
        assertThat(got).allMatch(g -> Receiver.verifies(created.get("secret").asText(), g));
        assertThat(receiver.answered2xx()).hasSize(1);
        assertThat(settled.get("delivered").asInt()).isEqualTo(1);
        assertThat(settled.get("failingSince").isNull()).isTrue(); // a success ends the failing streak

        JsonNode log = attempts(id); // newest first: time, status code, latency, the answer's first bytes
        assertThat(log).extracting(a -> a.get("statusCode").asInt()).containsExactly(200, 404, 503, 500);
        assertThat(log.get(3).get("answer").asText()).isEqualTo("answered 500");
        assertThat(log.get(3).get("webhookId").asText()).isEqualTo(got.get(0).id());
        assertThat(log.get(0).get("latencyMs").asLong()).isNotNegative();
    }

    @Test
    void a_failing_delivery_holds_back_the_rest_of_its_journey_but_not_other_journeys() {
        receiver.codes.add(500);
        esmsDown(); // the clock moves past RECONCILE_AFTER: the reconciler's questions go unanswered
        long id = register(receiver.url(), "message.status_changed").get("id").asLong();
        Sent a = sendAccepted("HD-WH-A", "SMS-A");                // A1 fails: retried in 5 s
        awaitAttempts(id, 1);
        assertThat(callback(a, "SMSID=SMS-A&" + DELIVERED)).isEqualTo(200); // A2 must wait for A1
        sendAccepted("HD-WH-B", "SMS-B");                         // B1, stored after A2, goes at once
        TestServer.await("B's event", () -> receiver.snapshot().stream()
                .anyMatch(g -> g.json().get("data").get("orderId").asText().equals("HD-WH-B")));
        assertThat(receiver.snapshot()).hasSize(2); // A2 was passed over (the drain goes in storage order)

        server.clock.advance(Duration.ofSeconds(5));
        awaitSettled(id);
        assertThat(receiver.snapshot()).extracting(g -> g.json().get("data").get("orderId").asText() + ":"
                + g.json().get("data").get("status").asText() + ":" + g.answered())
                .containsExactly("HD-WH-A:ACCEPTED:500", "HD-WH-B:ACCEPTED:200", "HD-WH-A:ACCEPTED:200", "HD-WH-A:DELIVERED:200");
    }
}
