package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** eSMS forgets a RequestId after 24 h: from 23 h after the first try a message is never sent again. */
class NeverTwiceTest extends EsmsTestBase {

    /** A message whose first try got no definite answer (eSMS answered 502): QUEUED, to be retried. */
    private long queued(String orderId) {
        esms.enqueue(new MockResponse.Builder().code(502).build());
        TestServer.Reply r = server.send(orderId, body("0901888484", null));
        assertThat(r.status()).isEqualTo(202);
        takeEsmsBody();
        return r.json().get("id").asLong();
    }

    @Test
    void at_22_hours_59_minutes_it_is_retried_with_the_same_request_id() {
        long id = queued("HD80001");
        String requestId = message(id).get("requestId").asText();
        esms.enqueue(accepted("S-late"));
        server.clock.advance(Duration.ofHours(22).plusMinutes(59));
        TestServer.await("the retry", () -> message(id).get("status").asText().equals("ACCEPTED"));
        assertThat(takeEsmsBody().get("RequestId").asText()).isEqualTo(requestId);
    }

    @Test
    void at_23_hours_1_minute_it_fails_without_a_call_to_esms() {
        long id = queued("HD80002");
        server.clock.advance(Duration.ofHours(23).plusMinutes(1));
        server.awaitRetryPass();

        JsonNode m = message(id);
        assertThat(m.get("status").asText()).isEqualTo("FAILED");
        assertThat(m.get("failureReason").asText()).startsWith("never reached eSMS within eSMS's 24 h duplicate window");
        assertThat(m.get("failureKind").asText()).isEqualTo("transient");
        assertThat(esms.getRequestCount()).as("eSMS heard only the first try").isEqualTo(1);
        assertThat(journey("HD80002").get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void a_restart_25_hours_later_finds_it_queued_and_fails_it_without_a_call() {
        long id = queued("HD80003");
        server.stop();
        server.clock.advance(Duration.ofHours(25));
        server.start();
        server.awaitRetryPass();

        assertThat(message(id).get("status").asText()).isEqualTo("FAILED");
        JsonNode events = message(id).get("events");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("GIVEN_UP");
        assertThat(esms.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_lease_a_crash_left_behind_counts_as_an_unknown_outcome_and_is_never_sent_again_after_23_hours() throws Exception {
        esms.enqueue(refused("160", "Rate limit exceeded")); // a definite "not taken": alone it would be retried
        long id = server.send("HD80004", body("0901888484", null)).json().get("id").asLong();
        takeEsmsBody();
        // as a crash leaves it: a call was claimed (lease set) and its answer never recorded
        server.exec("UPDATE message SET in_flight_until = created_at + 1000 WHERE id = " + id);
        server.clock.advance(Duration.ofHours(23).plusMinutes(1));
        server.awaitRetryPass();

        assertThat(message(id).get("status").asText()).isEqualTo("FAILED");
        assertThat(message(id).get("failureReason").asText()).startsWith("never reached eSMS within");
        assertThat(esms.getRequestCount()).as("not sent again").isEqualTo(1);
    }
}
