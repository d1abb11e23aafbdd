package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;
import tracker.ledger.CallbackLimits;

/** Callback URLs close 8 days after acceptance, and a flood of distinct callbacks cannot grow a message's timeline. */
class CallbackLimitsTest extends EsmsTestBase {
    static final String SMSID = "7d11c87a22934df390f73ec59d8defd6205";
    static final String DELIVERED = "SMSID=" + SMSID + "&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27";

    private static String junk(int n) { return "SMSID=" + SMSID + "&SendStatus=7&SendSuccess=0&SendFailed=0&seq=" + n; }

    private List<JsonNode> callbackEvents(long id) {
        List<JsonNode> out = new ArrayList<>();
        message(id).get("events").forEach(e -> { if (e.get("type").asText().equals("CALLBACK")) out.add(e); });
        return out;
    }

    @Test
    void a_callback_8_days_and_a_minute_after_acceptance_is_answered_410_and_stores_nothing() {
        Sent s = sendAccepted("HD-AGE1", SMSID);
        esmsDown(); // the reconciler's questions after the jump find eSMS away; the message expires by itself
        server.clock.advance(CallbackLimits.URL_LIFETIME.minusMinutes(1));
        assertThat(callback(s, junk(1))).as("a minute before the URL closes").isEqualTo(200);

        server.clock.advance(Duration.ofMinutes(2));
        TestServer.Reply r = server.get(s.callbackPath() + "?" + DELIVERED);

        assertThat(r.status()).isEqualTo(410);
        assertThat(r.json().get("error").asText()).contains("expired");
        assertThat(r.json().has("field")).isTrue();
        assertThat(callbackEvents(s.id())).extracting(e -> e.get("detail").get("query").asText()).containsExactly(junk(1));
        assertThat(message(s.id()).get("status").asText()).isNotEqualTo("DELIVERED");
        assertThat(server.counter("tracker_callbacks_refused_total{reason=\"expired\"}")).isEqualTo(1);
    }

    @Test
    void the_age_counts_from_acceptance_so_a_message_accepted_on_a_retry_keeps_its_url_longer() {
        esms.enqueue(new mockwebserver3.MockResponse.Builder().code(502).build());
        esms.enqueue(accepted(SMSID));
        TestServer.Reply first = server.send("HD-AGE2", body("0901888484", null));
        assertThat(first.status()).isEqualTo(202);
        long id = first.json().get("id").asLong();
        server.clock.advance(Duration.ofHours(1)); // the retry, an hour after creation, is accepted
        TestServer.await("the retry to be accepted", () -> message(id).get("status").asText().equals("ACCEPTED"));
        String path = TestServer.pathOf(takeEsmsBody().get("CallbackUrl").asText());
        esmsDown();

        server.clock.advance(CallbackLimits.URL_LIFETIME.minusMinutes(30)); // 8 days and 30 min after creation
        assertThat(server.rawGet(path + "?" + DELIVERED)).isEqualTo(200);
        assertThat(message(id).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void a_message_eSMS_never_accepted_ages_from_its_creation() {
        esms.enqueue(refused("789", "Template not configured"));
        Sent s = new Sent(server.send("HD-AGE3", body("0901888484", null)), takeEsmsBody());
        assertThat(message(s.id()).get("status").asText()).isEqualTo("REJECTED");

        server.clock.advance(CallbackLimits.URL_LIFETIME.plusMinutes(1));

        assertThat(callback(s, DELIVERED)).isEqualTo(410);
        assertThat(callbackEvents(s.id())).isEmpty();
    }

    @Test
    void after_fifty_junk_callbacks_more_junk_is_counted_on_the_last_one_and_a_genuine_final_status_still_lands() {
        Sent s = sendAccepted("HD-FLOOD", SMSID);
        int sent = CallbackLimits.MAX_DISTINCT + 10;
        for (int i = 1; i <= sent; i++) assertThat(callback(s, junk(i))).as("junk %d", i).isEqualTo(200);

        List<JsonNode> stored = callbackEvents(s.id());
        assertThat(stored).hasSize(CallbackLimits.MAX_DISTINCT);
        JsonNode last = stored.get(stored.size() - 1);
        assertThat(last.get("detail").get("query").asText()).isEqualTo(junk(CallbackLimits.MAX_DISTINCT));
        assertThat(last.get("repeats").asInt()).isEqualTo(11);
        assertThat(last.get("capped").asInt()).isEqualTo(10);

        assertThat(callback(s, DELIVERED)).isEqualTo(200);

        JsonNode m = message(s.id());
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(m.get("price").asText()).isEqualTo("220.0000");
        List<JsonNode> after = callbackEvents(s.id());
        assertThat(after).hasSize(CallbackLimits.MAX_DISTINCT + 1);
        assertThat(after.get(after.size() - 1).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(journey("HD-FLOOD").get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void past_the_cap_an_identical_copy_still_counts_on_its_own_event() {
        Sent s = sendAccepted("HD-FLOOD2", SMSID);
        for (int i = 1; i <= CallbackLimits.MAX_DISTINCT; i++) callback(s, junk(i));

        assertThat(callback(s, junk(1))).isEqualTo(200);

        JsonNode first = callbackEvents(s.id()).get(0);
        assertThat(first.get("repeats").asInt()).isEqualTo(2);
        assertThat(first.get("capped").asInt()).isZero();
        assertThat(callbackEvents(s.id())).hasSize(CallbackLimits.MAX_DISTINCT);
    }
}
