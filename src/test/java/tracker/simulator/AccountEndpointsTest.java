package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.awaitSettled;
import static tracker.simulator.SimTestSupport.postRaw;
import static tracker.simulator.SimTestSupport.send;
import static tracker.simulator.SimTestSupport.sendBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The simulator's account side: balance, quota, "on the phone", and the switch that plays an empty account. */
class AccountEndpointsTest extends SimulatorTestBase {
    private static final String KEYS = "\"ApiKey\":\"sim-api-key\",\"SecretKey\":\"sim-secret-key\"";

    private JsonNode balance() throws IOException { return postRaw(sim.baseUrl() + AccountEndpoints.BALANCE_PATH, "{" + KEYS + "}"); }

    @Test
    void balance_and_quota_follow_the_messages_delivered_and_wrong_keys_get_101() throws Exception {
        assertThat(balance().get("Balance").asLong()).isEqualTo(AccountEndpoints.START_BALANCE);
        send(sim, sendBody("0901230100", null));
        assertThat(balance().get("Balance").asLong()).isEqualTo(AccountEndpoints.START_BALANCE - 220);
        JsonNode quota = postRaw(sim.baseUrl() + AccountEndpoints.QUOTA_PATH + "/", "{" + KEYS + ",\"OAID\":\"1397492183140006179\"}");
        assertThat(quota.get("RemainingQuota").asLong()).isEqualTo(AccountEndpoints.DAILY_QUOTA - 1);
        assertThat(postRaw(sim.baseUrl() + AccountEndpoints.BALANCE_PATH, "{\"ApiKey\":\"x\",\"SecretKey\":\"y\"}")
                .get("CodeResponse").asText()).isEqualTo("101");
    }

    @Test
    void an_empty_account_refuses_sends_with_103_until_it_is_topped_up() throws Exception {
        postRaw(sim.baseUrl() + AccountEndpoints.SWITCH_PATH, "{\"balance\":0}");
        assertThat(balance().get("Balance").asLong()).isZero();
        assertThat(send(sim, sendBody("0901230100", null)).get("CodeResult").asText()).isEqualTo("103");

        postRaw(sim.baseUrl() + AccountEndpoints.SWITCH_PATH, "{\"balance\":500000}");
        assertThat(send(sim, sendBody("0901230100", null)).get("CodeResult").asText()).isEqualTo("100");
    }

    @Test
    void a_delivered_message_is_on_the_phone_and_an_unknown_id_is_not_found() throws Exception {
        send(sim, sendBody("0901230100", receiver.url("/cb").toString()));
        awaitSettled(sim);
        String partnerId = "";
        for (RecordedRequest r = receiver.takeRequest(1, TimeUnit.SECONDS); r != null && partnerId.isEmpty();
             r = receiver.takeRequest(1, TimeUnit.SECONDS)) {
            partnerId = SimTestSupport.rawQuery(r.getTarget()).getOrDefault("partnerids", "");
        }
        assertThat(partnerId).as("Zalo's id in a callback").isNotEmpty();
        JsonNode on = postRaw(sim.baseUrl() + AccountEndpoints.PHONE_PATH, "{" + KEYS + ",\"OAID\":\"o\",\"MessageId\":\"" + partnerId + "\"}");
        assertThat(on.get("Data").get("status").asInt()).isEqualTo(1);
        assertThat(on.get("Data").get("delivery_time").asText()).matches("\\d{13}");
        JsonNode unknown = postRaw(sim.baseUrl() + AccountEndpoints.PHONE_PATH, "{" + KEYS + ",\"OAID\":\"o\",\"MessageId\":\"nope\"}");
        assertThat(unknown.get("Data").get("status").asInt()).isEqualTo(-1);
    }
}
