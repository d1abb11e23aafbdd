package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** An account-level problem sends account.alert when it begins (once, not per message) and when it ends. */
class AlertWebhookTest extends WebhookTestBase {
    private static final String TOKEN_INVALID = "SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27"
            + "&error_info=%257B%2522error%2522%3A-124%2C%2522message%2522%3A%2522Access%2520token%2520is%2520invalid%2522%257D";

    @Test
    void an_account_alert_is_sent_when_it_begins_and_when_a_delivery_ends_it() {
        long id = register(receiver.url(), "account.alert").get("id").asLong();
        Sent a = sendAccepted("HD-WH-AL1", "S-al1");
        Sent b = sendAccepted("HD-WH-AL2", "S-al2");
        Sent c = sendAccepted("HD-WH-AL3", "S-al3");
        assertThat(callback(a, "SMSID=S-al1&" + TOKEN_INVALID)).isEqualTo(200);
        assertThat(callback(b, "SMSID=S-al2&" + TOKEN_INVALID)).isEqualTo(200); // the same alert: no second event
        assertThat(callback(c, "SMSID=S-al3&" + DELIVERED)).isEqualTo(200);
        awaitSettled(id);

        assertThat(receiver.snapshot()).extracting(Receiver.Got::type).containsExactly("account.alert", "account.alert");
        JsonNode began = receiver.snapshot().get(0).json().get("data"), ended = receiver.snapshot().get(1).json().get("data");
        assertThat(began.get("state").asText()).isEqualTo("began");
        assertThat(began.get("kind").asText()).isEqualTo("account");
        assertThat(began.get("code").asText()).isEqualTo("-124");
        assertThat(began.get("oaId").asText()).isEqualTo("4097311281936189049");
        assertThat(ended.get("state").asText()).isEqualTo("ended");
        assertThat(ended.get("messagesHit").asInt()).isEqualTo(2);
        assertThat(ended.get("endedAt").isNull()).isFalse();
    }
}
