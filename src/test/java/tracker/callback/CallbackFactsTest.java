package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** What a callback says besides the status: eSMS's own time, Zalo's message id, the kind of a failure, surprises. */
class CallbackFactsTest extends EsmsTestBase {
    /** -133 is among the kinds below: its 06:00 resend (NightResendTest) would take the next queued answer. */
    @Override
    protected Map<String, String> extraEnv() { return Map.of("NIGHT_RESEND", "off"); }

    private static String failed(String smsId, int zaloError) {
        return "SMSID=" + smsId + "&SendFailed=1&SendStatus=5&SendSuccess=0&TotalPrice=0.0000&TypeId=27"
                + "&error_info=%257B%2522error%2522%3A" + zaloError + "%2C%2522message%2522%3A%2522x%2522%257D";
    }


    @Test
    void the_time_esms_recorded_the_outcome_and_zalos_message_id_are_kept() {
        Sent s = sendAccepted("HD95001", "S1");
        // error_info as eSMS sends it: JSON, then ____ and the time in Vietnam (UTC+7), encoded twice
        String query = "SMSID=S1&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27"
                + "&error_info=%257B%2522error%2522%3A0%2C%2522message%2522%3A%2522Success%2522%257D____24%2F04%2F2024%252016%3A58%3A01"
                + "&oaid=4097311281936189049&partnerids=e1a60e8890be9de4c4ab";
        assertThat(callback(s, query)).isEqualTo(200);

        assertThat(lastEvent(s.id()).get("reportedAt").asText()).isEqualTo("2024-04-24T09:58:01.000Z");
        assertThat(message(s.id()).get("zaloMessageId").asText()).isEqualTo("e1a60e8890be9de4c4ab");
        assertThat(lastEvent(s.id()).get("detail").has("notes")).as("nothing surprising").isFalse();
    }

    @Test
    void a_callback_for_another_type_oa_or_template_is_applied_with_a_note_saying_so() {
        Sent s = sendAccepted("HD95002", "S2");
        assertThat(callback(s, "SMSID=S2&SendFailed=0&SendStatus=5&SendSuccess=1&TypeId=25&oaid=999&tempid=111")).isEqualTo(200);

        assertThat(message(s.id()).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(lastEvent(s.id()).get("detail").get("notes").toString())
                .contains("TypeId 25").contains("OA 999").contains("template 111");
    }

    @Test
    void every_failure_gets_its_kind() {
        String[][] cases = {{"-114", "recipient"}, {"-124", "account"}, {"-146", "configuration"}, {"-133", "timing"},
                {"-149", "journey"}, {"-999", "unknown"}};
        int n = 0;
        for (String[] c : cases) {
            Sent s = sendAccepted("HD9510" + n, "SK" + n);
            assertThat(callback(s, failed("SK" + n, Integer.parseInt(c[0])))).isEqualTo(200);
            JsonNode m = message(s.id());
            assertThat(m.get("failureKind").asText()).as("Zalo " + c[0]).isEqualTo(c[1]);
            assertThat(m.get("failureReason").asText()).as("Zalo " + c[0]).startsWith("Zalo error " + c[0] + ": x");
            n++;
        }
        esms.enqueue(refused("789", "Template not config"));
        JsonNode rejected = server.send("HD95199", body("0901888484", null)).json();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("failureKind").asText()).isEqualTo("configuration");
    }

    @Test
    void a_delivered_message_has_no_failure_kind() {
        Sent s = sendAccepted("HD95200", "S9");
        callback(s, "SMSID=S9&SendFailed=0&SendStatus=5&SendSuccess=1&TypeId=27");
        assertThat(message(s.id()).get("failureKind").isNull()).isTrue();
    }
}
