package tracker.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** One alert per account- or configuration-level problem, counting the messages it hit, cleared by a delivery. */
class AlertsTest extends EsmsTestBase {
    private static final String TOKEN_INVALID = "SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27"
            + "&error_info=%257B%2522error%2522%3A-124%2C%2522message%2522%3A%2522Access%2520token%2520is%2520invalid%2522%257D";

    private JsonNode account() {
        esms.enqueue(json("{\"Balance\":900000,\"CodeResponse\":\"100\",\"UserID\":9}"));
        esms.enqueue(json("{\"CodeResult\":\"100\",\"DailyQuota\":5000,\"RemainingQuota\":5000}"));
        return server.get("/api/account").json();
    }

    @Test
    void an_invalid_oa_token_raises_one_alert_for_the_oa_counting_each_message_and_a_delivery_clears_it() {
        Sent a = sendAccepted("HD91001", "S-a");
        Sent b = sendAccepted("HD91002", "S-b");
        Sent c = sendAccepted("HD91003", "S-c");
        assertThat(callback(a, "SMSID=S-a&" + TOKEN_INVALID)).isEqualTo(200);
        assertThat(callback(b, "SMSID=S-b&" + TOKEN_INVALID)).isEqualTo(200);

        JsonNode alerts = account().get("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("kind").asText()).isEqualTo("account");
        assertThat(alerts.get(0).get("oaId").asText()).isEqualTo("4097311281936189049");
        assertThat(alerts.get(0).get("code").asText()).isEqualTo("-124");
        assertThat(alerts.get(0).get("messages").asInt()).isEqualTo(2);
        assertThat(server.get("/metrics").body())
                .contains("tracker_alert{kind=\"account\",oa=\"4097311281936189049\",template=\"\"} 2");

        assertThat(callback(c, "SMSID=S-c&SendFailed=0&SendStatus=5&SendSuccess=1&TypeId=27")).isEqualTo(200);
        assertThat(server.get("/metrics").body()).doesNotContain("tracker_alert{");
    }

    @Test
    void a_template_eSMS_does_not_know_raises_a_configuration_alert_for_that_template_only() {
        esms.enqueue(refused("789", "Template not config"));
        server.send("HD91101", body("0901888484", null));
        takeEsmsBody();

        JsonNode alert = account().get("alerts").get(0);
        assertThat(alert.get("kind").asText()).isEqualTo("configuration");
        assertThat(alert.get("templateId").asText()).isEqualTo("540679");
        assertThat(alert.get("reason").asText()).startsWith("eSMS 789");
    }

    @Test
    void a_recipient_problem_raises_no_alert() {
        Sent a = sendAccepted("HD91201", "S-r");
        callback(a, "SMSID=S-r&SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27"
                + "&error_info=%257B%2522error%2522%3A-114%2C%2522message%2522%3A%2522inactive%2522%257D");
        assertThat(account().get("alerts")).isEmpty();
    }

    @Test
    void a_pause_shows_in_the_metrics_by_its_code() {
        esms.enqueue(refused("103", "Balance not enough"));
        server.send("HD91301", body("0901888484", null));
        takeEsmsBody();
        assertThat(server.get("/metrics").body()).contains("tracker_sending_paused{reason=\"103\"} 1");
    }
}
