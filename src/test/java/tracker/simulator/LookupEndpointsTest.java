package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookupEndpointsTest extends SimulatorTestBase {
    String accept(String phone) throws Exception {
        return send(sim, sendBody(phone, receiver.url("/cb").toString())).path("SMSID").asText();
    }

    @Test
    void get_send_status_reports_a_failed_message_truthfully() throws Exception {
        String smsId = accept("0901230114");
        await(() -> status(smsId).path("SendStatus").asInt() == 5, Duration.ofSeconds(3));
        JsonNode s = status(smsId);
        assertThat(s.path("CodeResponse").asText()).isEqualTo("100");
        assertThat(s.path("SMSID").asText()).isEqualTo(smsId);
        assertThat(s.path("SendFailed").asInt()).isEqualTo(1);
        assertThat(s.path("SendSuccess").asInt()).isZero();
        assertThat(s.path("TotalPrice").asDouble()).isZero();
        assertThat(s.path("TotalReceiver").asInt()).isEqualTo(1);
    }

    @Test
    void get_send_status_answers_105_for_an_unknown_smsid_and_101_for_wrong_keys() throws Exception {
        assertThat(status("0123456789abcdef0123456789abcdef000").path("CodeResponse").asText()).isEqualTo("105");
        String smsId = accept("0901230100");
        JsonNode wrong = get(sim.baseUrl() + EsmsSimulator.SEND_STATUS_PATH + "?RefId=" + smsId
                + "&ApiKey=sim-api-key&SecretKey=wrong");
        assertThat(wrong.path("CodeResponse").asText()).isEqualTo("101");
    }

    @Test
    void get_callback_returns_the_callback_data_of_known_messages_only() throws Exception {
        String failed = accept("0901230124");
        String noCallback = send(sim, sendBody("0901230100", null)).path("SMSID").asText();
        await(() -> status(failed).path("SendStatus").asInt() == 5, Duration.ofSeconds(3));

        JsonNode answer = getCallback(sim, List.of(failed, noCallback, "unknown"));
        assertThat(answer.path("Code").asInt()).isEqualTo(100);
        assertThat(answer.path("Message").asText()).isEqualTo("Success");
        JsonNode data = answer.path("Data_callback");
        assertThat(data).hasSize(1);
        JsonNode d = data.get(0);
        assertThat(d.path("SMSID").asText()).isEqualTo(failed);
        assertThat(d.path("SendStatus").asInt()).isEqualTo(5);
        assertThat(d.path("SendFailed").asInt()).isEqualTo(1);
        assertThat(d.path("TypeId").asInt()).isEqualTo(27);
        assertThat(d.path("Telcoid").asInt()).isEqualTo(2);
        assertThat(d.path("PhoneNumber").asText()).isEqualTo("0901230124");
        assertThat(d.path("OAId").asText()).isEqualTo("1397492183140006179");
        assertThat(d.path("ZnsTempId").asText()).isEqualTo("2056446");
        assertThat(JSON.readTree(d.path("ErrorInfo").asText())).isEqualTo(JSON.readTree(MessageStatus.ERROR_124));
    }

    @Test
    void get_callback_refuses_a_batch_of_more_than_200_ids() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 201; i++) ids.add("id" + i);
        JsonNode answer = getCallback(sim, ids);
        assertThat(answer.path("Code").asInt()).isNotEqualTo(100);
        assertThat(answer.has("Data_callback")).isFalse();
        assertThat(getCallback(sim, ids.subList(0, 200)).path("Code").asInt()).isEqualTo(100);
    }

    @Test
    void get_callback_refuses_wrong_keys() throws Exception {
        String wrongKeys = JSON.writeValueAsString(Map.of("ApiKey", "sim-api-key", "SecretKey", "x",
                "ListRefid", List.of()));
        assertThat(postRaw(sim.baseUrl() + EsmsSimulator.GET_CALLBACK_PATH, wrongKeys).path("Code").asInt())
                .isEqualTo(101);
    }

    @Test
    void a_21st_get_callback_inside_one_second_is_answered_160_and_a_full_second_later_it_is_answered_again()
            throws Exception {
        AtomicLong nanos = new AtomicLong(); // time moves only when the test moves it, however loaded the machine
        try (EsmsSimulator limited = new EsmsSimulator(settings.withNanoTime(nanos::get)).start()) {
            for (int i = 1; i <= 20; i++) assertThat(lookupCode(limited)).as("request %d", i).isEqualTo(100);
            assertThat(lookupCode(limited)).isEqualTo(160);
            nanos.addAndGet(Duration.ofMillis(999).toNanos());
            assertThat(lookupCode(limited)).as("999 ms after the first 20").isEqualTo(160);
            nanos.addAndGet(Duration.ofMillis(1).toNanos());
            assertThat(lookupCode(limited)).as("one second after the first 20").isEqualTo(100);
        }
    }

    private static int lookupCode(EsmsSimulator target) throws Exception {
        return getCallback(target, List.of()).path("Code").asInt();
    }

    JsonNode status(String smsId) {
        try {
            return sendStatus(sim, smsId);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
