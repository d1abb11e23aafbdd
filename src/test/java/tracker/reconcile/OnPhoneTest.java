package tracker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

/** DELIVERED means Zalo took the message; "on the phone" is a later fact, from the callback or by asking eSMS. */
class OnPhoneTest extends EsmsTestBase {
    private static final String DELIVERED = "SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27";
    private final FakeEsms fake = new FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    private Sent sent(String orderId) {
        TestServer.Reply r = server.send(orderId, body("0901888484", null));
        return new Sent(r, fake.calls("send").get(fake.calls("send").size() - 1).body());
    }

    @Test
    void a_delivered_message_is_asked_about_a_few_minutes_later_and_on_the_phone_is_recorded() {
        Sent s = sent("HD98001");
        String smsId = s.reply().json().get("smsId").asText();
        assertThat(callback(s, "SMSID=" + smsId + "&" + DELIVERED + "&partnerids=zalo-1")).isEqualTo(200);
        long onPhone = Instant.parse("2026-11-28T08:02:00Z").toEpochMilli();
        fake.onPhone.put("zalo-1", onPhone);

        server.clock.advance(Duration.ofMinutes(2));
        server.awaitReconcilePass();
        assertThat(fake.calls("GetZaloMessageStatus")).as("not before a few minutes").isEmpty();

        server.clock.advance(Duration.ofMinutes(2));
        TestServer.await("on the phone", () -> !message(s.id()).get("onPhoneAt").isNull());
        JsonNode m = message(s.id());
        assertThat(m.get("onPhoneAt").asText()).isEqualTo("2026-11-28T08:02:00.000Z");
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        JsonNode last = m.get("events").get(m.get("events").size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("PHONE");
        JsonNode ask = fake.calls("GetZaloMessageStatus").get(0).body();
        assertThat(ask.get("MessageId").asText()).isEqualTo("zalo-1");
        assertThat(ask.get("OAID").asText()).isEqualTo("4097311281936189049");
        assertThat(journey("HD98001").get("onPhone").asInt()).isEqualTo(1);
    }

    @Test
    void not_yet_on_the_phone_is_asked_again_later_and_never_after_a_day() {
        Sent s = sent("HD98002");
        String smsId = s.reply().json().get("smsId").asText();
        callback(s, "SMSID=" + smsId + "&" + DELIVERED + "&partnerids=zalo-2");
        server.clock.advance(Duration.ofMinutes(4));
        TestServer.await("a first question", () -> fake.calls("GetZaloMessageStatus").size() == 1);
        server.awaitReconcilePass();
        assertThat(fake.calls("GetZaloMessageStatus")).as("spaced, not every pass").hasSize(1);

        server.clock.advance(Duration.ofMinutes(7));
        TestServer.await("a second question", () -> fake.calls("GetZaloMessageStatus").size() == 2);
        assertThat(message(s.id()).get("onPhoneAt").isNull()).isTrue();

        server.clock.advance(Duration.ofHours(25));
        server.awaitReconcilePass();
        int asked = fake.calls("GetZaloMessageStatus").size();
        server.clock.advance(Duration.ofHours(3));
        server.awaitReconcilePass();
        assertThat(fake.calls("GetZaloMessageStatus")).as("given up a day after delivery").hasSize(asked);
    }

    @Test
    void a_callback_that_says_it_is_on_the_phone_needs_no_question() {
        Sent s = sent("HD98003");
        String smsId = s.reply().json().get("smsId").asText();
        // error_info {"data":{"status":1,"delivery_time":"1764316920000"},"error":0,"message":"Success"}, encoded twice
        String info = "%257B%2522data%2522%3A%257B%2522status%2522%3A1%2C%2522delivery_time%2522%3A%25221764316920000%2522%257D"
                + "%2C%2522error%2522%3A0%2C%2522message%2522%3A%2522Success%2522%257D";
        assertThat(callback(s, "SMSID=" + smsId + "&" + DELIVERED + "&partnerids=zalo-3&error_info=" + info)).isEqualTo(200);

        assertThat(message(s.id()).get("onPhoneAt").asText()).isEqualTo("2025-11-28T08:02:00.000Z");
        server.clock.advance(Duration.ofMinutes(10));
        server.awaitReconcilePass();
        assertThat(fake.calls("GetZaloMessageStatus")).isEmpty();
    }
}
