package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** An endpoint that never answers delays neither callbacks nor the other endpoints. */
class SlowEndpointTest extends WebhookTestBase {
    private final Receiver hung = new Receiver();

    @Test
    void a_hung_endpoint_does_not_delay_callbacks_or_other_endpoints() {
        hung.hang = new CountDownLatch(1);
        try {
            register(hung.url(), "message.status_changed", "journey.completed");
            long good = register(receiver.url(), "message.status_changed", "journey.completed").get("id").asLong();
            List<Sent> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) sent.add(sendAccepted("HD-WH-S" + i, "SMS-S" + i));
            hung.awaitRequests(1); // its first attempt is now stuck

            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                long start = System.nanoTime();
                assertThat(callback(sent.get(i), "SMSID=SMS-S" + i + "&" + DELIVERED)).isEqualTo(200);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            assertThat(millis).as("callback answer times (ms)").allMatch(ms -> ms < 2_000); // a hung attempt lasts 10 s

            awaitSettled(good); // 5 accepted, 5 delivered, 5 journeys completed
            assertThat(receiver.answered2xx()).hasSize(15);
            assertThat(hung.snapshot()).hasSize(1); // still waiting on its first
        } finally {
            hung.close();
        }
    }
}
