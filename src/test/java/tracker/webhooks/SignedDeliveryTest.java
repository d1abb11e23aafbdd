package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A status change reaches a registered endpoint once, signed the Standard Webhooks way. */
class SignedDeliveryTest extends WebhookTestBase {
    @Test
    void a_status_change_produces_exactly_one_signed_delivery_that_the_reference_verification_accepts() {
        JsonNode created = register(receiver.url(), "message.status_changed");
        String secret = created.get("secret").asText();
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{32}");
        long id = created.get("id").asLong();

        Sent s = sendAccepted("HD-WH-1", "SMS-WH-1"); // QUEUED -> ACCEPTED
        awaitSettled(id);
        assertThat(callback(s, "SMSID=SMS-WH-1&" + DELIVERED)).isEqualTo(200); // ACCEPTED -> DELIVERED
        assertThat(callback(s, "SMSID=SMS-WH-1&" + DELIVERED)).isEqualTo(200); // a repeat changes nothing
        JsonNode settled = awaitSettled(id);

        assertThat(settled.get("delivered").asInt()).isEqualTo(2);
        assertThat(receiver.snapshot()).hasSize(2);
        Receiver.Got last = receiver.snapshot().get(1);
        assertThat(Receiver.verifies(secret, last)).isTrue();
        assertThat(last.id()).startsWith("msg_").isNotEqualTo(receiver.snapshot().get(0).id());
        assertThat(Long.parseLong(last.timestamp())).isEqualTo(server.clock.millis() / 1000);
        JsonNode data = last.json().get("data");
        assertThat(last.type()).isEqualTo("message.status_changed");
        assertThat(data.get("orderId").asText()).isEqualTo("HD-WH-1");
        assertThat(data.get("messageId").asLong()).isEqualTo(s.id());
        assertThat(data.get("previousStatus").asText()).isEqualTo("ACCEPTED");
        assertThat(data.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(data.get("event").get("type").asText()).isEqualTo("CALLBACK");
        assertThat(receiver.snapshot().get(0).json().get("data").get("status").asText()).isEqualTo("ACCEPTED");

        // a tampered body or another secret does not verify
        Receiver.Got forged = new Receiver.Got(last.id(), last.timestamp(), last.signature(), last.body().replace("DELIVERED", "FAILED"), 200);
        assertThat(Receiver.verifies(secret, forged)).isFalse();
        assertThat(Receiver.verifies("whsec_" + "A".repeat(32), last)).isFalse();
    }

    @Test
    void a_journey_that_becomes_final_sends_journey_completed_with_counts_and_price_and_again_when_it_changes() {
        long id = register(receiver.url(), "journey.completed").get("id").asLong();
        Sent a = sendAccepted("HD-WH-J", "SMS-J1");
        callback(a, "SMSID=SMS-J1&" + DELIVERED);
        awaitSettled(id);
        assertThat(receiver.snapshot()).hasSize(1);
        JsonNode done = receiver.snapshot().get(0).json().get("data");
        assertThat(done.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(done.get("previousStatus").asText()).isEqualTo("ACTIVE");
        assertThat(done.get("counts").get("DELIVERED").asInt()).isEqualTo(1);
        assertThat(done.get("price").asText()).isEqualTo("220.0000");

        Sent b = sendAccepted("HD-WH-J", "SMS-J2"); // the journey is active again
        callback(b, "SMSID=SMS-J2&SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27");
        awaitSettled(id);
        assertThat(receiver.snapshot()).hasSize(2);
        JsonNode again = receiver.snapshot().get(1).json().get("data");
        assertThat(again.get("status").asText()).isEqualTo("FAILED");
        assertThat(again.get("messageCount").asInt()).isEqualTo(2);
        assertThat(again.get("counts").get("FAILED").asInt()).isEqualTo(1);
    }
}
