package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

class SendTest extends EsmsTestBase {

    @Test
    void accepted_send_answers_201_with_the_smsid_and_sends_a_journey_message() {
        Sent sent = sendAccepted("HD00001", "d8e0f1f0702544b2acb456ca9ccfd111250");

        assertThat(sent.reply().status()).isEqualTo(201);
        JsonNode m = sent.reply().json();
        assertThat(m.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(m.get("smsId").asText()).isEqualTo("d8e0f1f0702544b2acb456ca9ccfd111250");
        assertThat(m.get("phone").asText()).isEqualTo("0901888484");
        assertThat(m.get("params").get(0).asText()).isEqualTo("Nguyễn Văn A");
        JsonNode e = sent.esmsBody();
        assertThat(e.get("IsJourney").isBoolean()).as("IsJourney a JSON boolean, as in eSMS's sample").isTrue();
        assertThat(e.get("IsJourney").booleanValue()).isTrue();
        assertThat(e.get("OrderId").asText()).isEqualTo("HD00001");
        assertThat(e.get("TempID").asText()).isEqualTo("540679");
        assertThat(e.get("OAID").asText()).isEqualTo("4097311281936189049");
        assertThat(e.get("ApiKey").asText()).isEqualTo("test-api-key");
        assertThat(e.get("RequestId").asText()).isEqualTo(m.get("requestId").asText()).hasSizeLessThanOrEqualTo(50);
        assertThat(e.get("CallbackUrl").asText())
                .startsWith(server.url("/callbacks/" + m.get("id").asLong() + "/"))
                .doesNotContain("?");
    }

    @Test
    void the_response_never_contains_the_esms_keys() {
        Sent sent = sendAccepted("HD00002", "abc123");
        assertThat(sent.reply().body()).doesNotContain("test-api-key").doesNotContain("test-secret-key");
        assertThat(server.get("/api/journeys/HD00002").body()).doesNotContain("test-secret-key");
    }
}
