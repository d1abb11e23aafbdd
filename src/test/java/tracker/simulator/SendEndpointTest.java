package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendEndpointTest extends SimulatorTestBase {
    String callbackUrl() {
        return receiver.url("/esms/cb/token").toString();
    }

    @Test
    void simulator_listens_on_loopback_and_accepts_a_valid_send_with_an_esms_shaped_smsid() throws Exception {
        assertThat(sim.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        JsonNode answer = send(sim, sendBody("0901230100", callbackUrl()));
        assertThat(answer.path("CodeResult").asText()).isEqualTo("100");
        assertThat(answer.path("CountRegenerate").asInt(-1)).isZero();
        assertThat(answer.path("SMSID").asText()).matches("[0-9a-f]{32,36}[0-9]{3}");
    }

    @Test
    void wrong_keys_are_answered_101_authorize_failed() throws Exception {
        Map<String, Object> body = sendBody("0901230100", callbackUrl());
        body.put("SecretKey", "nope");
        JsonNode answer = send(sim, body);
        assertThat(answer.path("CodeResult").asText()).isEqualTo("101");
        assertThat(answer.path("ErrorMessage").asText()).isEqualTo("Authorize Failed");
        assertThat(answer.has("SMSID")).isFalse();
    }

    @Test
    void malformed_json_gets_an_esms_code_not_a_server_error() throws Exception {
        JsonNode answer = postRaw(sim.baseUrl() + EsmsSimulator.SEND_PATH, "{\"ApiKey\": ");
        assertThat(answer.path("CodeResult").asText()).isEqualTo("101");
    }

    @Test
    void malformed_phone_is_answered_108() throws Exception {
        assertThat(send(sim, sendBody("12345", callbackUrl())).path("CodeResult").asText()).isEqualTo("108");
    }

    @Test
    void missing_tempid_or_oaid_is_answered_791() throws Exception {
        Map<String, Object> noTemplate = sendBody("0901230100", callbackUrl());
        noTemplate.remove("TempID");
        Map<String, Object> noOa = sendBody("0901230100", callbackUrl());
        noOa.put("OAID", "");
        assertThat(send(sim, noTemplate).path("CodeResult").asText()).isEqualTo("791");
        assertThat(send(sim, noOa).path("CodeResult").asText()).isEqualTo("791");
    }

    @Test
    void repeated_request_id_is_answered_124() throws Exception {
        Map<String, Object> body = sendBody("0901230100", callbackUrl());
        assertThat(send(sim, body).path("CodeResult").asText()).isEqualTo("100");
        assertThat(send(sim, body).path("CodeResult").asText()).isEqualTo("124");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0901230160,160", "0901230099,99", "0901230103,103", "0901230789,789", "0901230799,799"})
    void magic_numbers_are_refused_with_their_code(String phone, String code) throws Exception {
        JsonNode answer = send(sim, sendBody(phone, callbackUrl()));
        assertThat(answer.path("CodeResult").asText()).isEqualTo(code);
        assertThat(answer.path("ErrorMessage").asText()).isNotBlank();
    }

    @Test
    void a_21st_send_inside_one_second_is_answered_160_and_a_full_second_later_sends_are_accepted_again()
            throws Exception {
        AtomicLong nanos = new AtomicLong(); // time moves only when the test moves it, however loaded the machine
        try (EsmsSimulator limited = new EsmsSimulator(settings.withNanoTime(nanos::get)).start()) {
            for (int i = 1; i <= 20; i++) assertThat(sendCode(limited)).as("send %d", i).isEqualTo("100");
            assertThat(sendCode(limited)).isEqualTo("160");
            nanos.addAndGet(Duration.ofMillis(999).toNanos());
            assertThat(sendCode(limited)).as("999 ms after the first 20").isEqualTo("160");
            nanos.addAndGet(Duration.ofMillis(1).toNanos());
            assertThat(sendCode(limited)).as("one second after the first 20").isEqualTo("100");
        }
    }

    @Test
    void sandbox_send_is_answered_but_delivers_nothing_and_is_not_queryable() throws Exception {
        Map<String, Object> body = sendBody("0901230100", callbackUrl());
        body.put("Sandbox", "1");
        JsonNode answer = send(sim, body);
        assertThat(answer.path("CodeResult").asText()).isEqualTo("100");
        String sandboxSmsId = answer.path("SMSID").asText();
        assertThat(sandboxSmsId).isNotBlank();
        assertThat(sendStatus(sim, sandboxSmsId).path("CodeResponse").asText()).isEqualTo("105");
        // the sandbox did not use the RequestId up
        body.put("Sandbox", "0");
        JsonNode real = send(sim, body);
        assertThat(real.path("CodeResult").asText()).isEqualTo("100");

        // the real send's 7 and 5 are timed after anything the earlier sandbox send could have caused
        List<RecordedRequest> callbacks = take(receiver, 2, Duration.ofSeconds(3));
        assertThat(callbacks).extracting(r -> rawQuery(r.getTarget()).get("SMSID"))
                .containsExactly(real.path("SMSID").asText(), real.path("SMSID").asText());
        assertThat(receiver.getRequestCount()).isEqualTo(2);
    }

    @Test
    void sandbox_true_as_a_boolean_is_a_sandbox_too() throws Exception {
        Map<String, Object> body = sendBody("0901230100", callbackUrl());
        body.put("Sandbox", true);
        String smsId = send(sim, body).path("SMSID").asText();
        assertThat(sendStatus(sim, smsId).path("CodeResponse").asText()).isEqualTo("105");
    }

    private static String sendCode(EsmsSimulator target) throws Exception {
        return send(target, sendBody("0901230100", null)).path("CodeResult").asText();
    }

    @Test
    void received_sends_are_recorded_in_order() throws Exception {
        send(sim, sendBody("0901230100", null));
        Map<String, Object> wrong = sendBody("0901230101", null);
        wrong.put("ApiKey", "x");
        send(sim, wrong);
        assertThat(sim.receivedSends()).extracting(m -> m.get("Phone")).containsExactly("0901230100", "0901230101");
        assertThat(sim.receivedSends().get(0)).containsKeys("Params", "IsJourney", "OrderId", "RequestId");
    }
}
