package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

/** Zalo refuses some templates between 22:00 and 06:00 Vietnam time (-133): such a message goes again at 06:00. */
class NightResendTest extends EsmsTestBase {
    /** error_info {"error":-133,...}, encoded as eSMS does. */
    private static final String NIGHT = "&SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27"
            + "&error_info=%257B%2522error%2522%3A-133%2C%2522message%2522%3A%2522not%2520allowed%2520now%2522%257D";
    private final FakeEsms fake = new FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    private Sent sendAt11pm(String orderId, String extra) {
        TestServer.Reply r = server.send(orderId, "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"A\"]" + extra + "}");
        // the test clock starts at 15:00 in Vietnam: 8 h later it is 23:00 there
        server.clock.advance(Duration.ofHours(8));
        return new Sent(r, fake.calls("send").get(fake.calls("send").size() - 1).body());
    }


    @Test
    void a_message_refused_at_night_is_resent_once_at_6_in_the_morning() {
        Sent s = sendAt11pm("HD97001", "");
        assertThat(callback(s, "SMSID=S1" + NIGHT)).isEqualTo(200);
        assertThat(message(s.id()).get("failureKind").asText()).isEqualTo("timing");
        server.awaitRetryPass();

        JsonNode rescheduled = lastEvent(s.id());
        assertThat(rescheduled.get("type").asText()).isEqualTo("RESCHEDULED");
        assertThat(rescheduled.get("detail").get("at").asText()).isEqualTo("2026-11-28T23:00:00.000Z"); // 06:00 in Vietnam
        long resend = rescheduled.get("detail").get("resend").asLong();
        assertThat(message(resend).get("status").asText()).isEqualTo("QUEUED");
        assertThat(message(s.id()).get("status").asText()).as("the original stays failed").isEqualTo("FAILED");

        server.clock.advance(Duration.ofHours(6).plusMinutes(59)); // 05:59
        server.awaitRetryPass();
        assertThat(fake.calls("send")).hasSize(1);

        server.clock.advance(Duration.ofMinutes(2)); // 06:01
        TestServer.await("the 06:00 resend", () -> message(resend).get("status").asText().equals("ACCEPTED"));
        assertThat(fake.calls("send")).hasSize(2);
        assertThat(fake.calls("send").get(1).body().get("RequestId").asText()).isNotEqualTo(s.esmsBody().get("RequestId").asText());
        assertThat(journey("HD97001").get("messages")).hasSize(2);
    }

    @Test
    void a_night_resend_refused_again_is_not_resent_again() {
        Sent s = sendAt11pm("HD97004", "");
        callback(s, "SMSID=S1" + NIGHT);
        server.awaitRetryPass();
        long resend = lastEvent(s.id()).get("detail").get("resend").asLong();
        server.clock.advance(Duration.ofHours(7).plusMinutes(1));
        TestServer.await("the 06:00 resend", () -> message(resend).get("status").asText().equals("ACCEPTED"));

        String query = "SMSID=S2" + NIGHT;
        assertThat(server.rawGet(TestServer.pathOf(fake.calls("send").get(1).body().get("CallbackUrl").asText()) + "?" + query))
                .isEqualTo(200);
        server.awaitRetryPass();
        assertThat(journey("HD97004").get("messages")).as("one resend per step, not a loop").hasSize(2);
    }

    @Test
    void no_resend_when_the_send_before_passes_before_6() {
        Sent s = sendAt11pm("HD97002", ",\"sendBefore\":\"2026-11-28T17:30:00Z\"");
        assertThat(callback(s, "SMSID=S1" + NIGHT)).isEqualTo(200);
        server.awaitRetryPass();

        assertThat(lastEvent(s.id()).get("type").asText()).isEqualTo("NOT_RESCHEDULED");
        assertThat(journey("HD97002").get("messages")).hasSize(1);
    }

    @Test
    void night_resend_off_leaves_the_message_failed() {
        server.stop();
        server.env.put("NIGHT_RESEND", "off");
        server.start();
        Sent s = sendAt11pm("HD97003", "");
        assertThat(callback(s, "SMSID=S1" + NIGHT)).isEqualTo(200);
        server.awaitRetryPass();

        assertThat(journey("HD97003").get("messages")).hasSize(1);
        assertThat(lastEvent(s.id()).get("type").asText()).isEqualTo("CALLBACK");
    }
}
