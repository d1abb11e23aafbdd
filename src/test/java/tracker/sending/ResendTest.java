package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** A failed message can be sent again as a new message of the same step; only the newest of a step counts. */
class ResendTest extends EsmsTestBase {

    private long rejected(String orderId) {
        esms.enqueue(refused("790", "Wrong template"));
        TestServer.Reply r = server.send(orderId, body("0901888484", null));
        assertThat(r.json().get("status").asText()).isEqualTo("REJECTED");
        takeEsmsBody();
        return r.json().get("id").asLong();
    }

    @Test
    void a_rejected_message_is_resent_with_a_new_request_id_and_only_the_resend_counts() {
        long id = rejected("HD96001");
        assertThat(journey("HD96001").get("status").asText()).isEqualTo("FAILED");
        esms.enqueue(accepted("S-again"));

        TestServer.Reply r = server.post("/api/messages/" + id + "/resend", "");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("resendOf").asLong()).isEqualTo(id);
        assertThat(r.json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(takeEsmsBody().get("RequestId").asText()).isNotEqualTo(message(id).get("requestId").asText());

        assertThat(message(id).get("resentAs").asLong()).isEqualTo(r.json().get("id").asLong());
        JsonNode j = journey("HD96001");
        assertThat(j.get("status").asText()).as("the step's newest message is still on its way").isEqualTo("ACTIVE");
        assertThat(j.get("counts").toString()).isEqualTo("{\"ACCEPTED\":1}");
        assertThat(j.get("messages")).hasSize(2);
    }

    @Test
    void only_a_final_undelivered_message_can_be_resent_and_only_once() {
        Sent open = sendAccepted("HD96002", "S-open");
        assertThat(server.post("/api/messages/" + open.id() + "/resend", "").status()).isEqualTo(409);
        callback(open, "SMSID=S-open&SendStatus=5&SendSuccess=1&SendFailed=0");
        assertThat(server.post("/api/messages/" + open.id() + "/resend", "").json().get("field").asText()).isEqualTo("status");

        long id = rejected("HD96003");
        esms.enqueue(accepted("S-once"));
        long resend = server.post("/api/messages/" + id + "/resend", "").json().get("id").asLong();
        TestServer.Reply again = server.post("/api/messages/" + id + "/resend", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).contains("message " + resend);
        assertThat(server.post("/api/messages/999999/resend", "").status()).isEqualTo(404);
    }

    @Test
    void a_message_that_never_reached_esms_for_sure_needs_the_duplicate_risk_confirmed() {
        esms.enqueue(new MockResponse.Builder().code(502).build());
        long id = server.send("HD96004", body("0901888484", null)).json().get("id").asLong();
        takeEsmsBody();
        server.clock.advance(Duration.ofHours(23).plusMinutes(1));
        server.awaitRetryPass();
        assertThat(message(id).get("failureKind").asText()).isEqualTo("transient");

        TestServer.Reply refused = server.post("/api/messages/" + id + "/resend", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("field").asText()).isEqualTo("confirmDuplicateRisk");
        esms.enqueue(accepted("S-confirmed"));
        assertThat(server.post("/api/messages/" + id + "/resend", "{\"confirmDuplicateRisk\":true}").status()).isEqualTo(201);
    }

    @Test
    void many_messages_are_resent_at_once_each_with_its_own_answer() {
        long a = rejected("HD96005");
        long b = rejected("HD96006");
        esms.enqueue(accepted("S-a"));
        esms.enqueue(accepted("S-b"));
        JsonNode results = server.post("/api/messages/resend", "{\"ids\":[" + a + "," + b + ",424242]}").json().get("results");

        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("message").get("resendOf").asLong()).isEqualTo(a);
        assertThat(results.get(1).get("message").get("resendOf").asLong()).isEqualTo(b);
        assertThat(results.get(2).get("error").asText()).contains("no message 424242");
        assertThat(server.post("/api/messages/resend", "{\"ids\":[]}").status()).isEqualTo(400);
    }
}
