package tracker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

class ExpiryTest extends EsmsTestBase {
    private final FakeEsms fake = new FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    private void awaitStatus(long id, String status) {
        TestServer.await("message " + id + " to become " + status, () -> status.equals(message(id).get("status").asText()));
    }

    private String callbackPath(int sendIndex) {
        return TestServer.pathOf(fake.calls("send").get(sendIndex).body().get("CallbackUrl").asText());
    }

    @Test
    void a_message_still_not_final_7_days_after_acceptance_becomes_expired_with_a_reason() {
        long id = server.send("HD30001", body("0901888484", null)).json().get("id").asLong();
        server.clock.advance(Duration.ofDays(6).plusHours(23));
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");

        server.clock.advance(Duration.ofHours(1).plusMinutes(1));
        awaitStatus(id, "EXPIRED");

        JsonNode m = message(id);
        assertThat(m.get("failureReason").asText()).contains("7 days").contains("last known status ACCEPTED");
        JsonNode last = m.get("events").get(m.get("events").size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("EXPIRED");
        assertThat(last.get("source").asText()).isEqualTo("system");
        assertThat(journey("HD30001").get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void a_late_delivered_callback_still_wins_over_expired() {
        long id = server.send("HD30002", body("0901888484", null)).json().get("id").asLong();
        server.clock.advance(Duration.ofDays(8));
        awaitStatus(id, "EXPIRED");

        int code = server.rawGet(callbackPath(0) + "?SMSID=S1&SendStatus=5&SendSuccess=1&SendFailed=0&TotalPrice=220.0000");

        assertThat(code).isEqualTo(200);
        JsonNode m = message(id);
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(m.get("failureReason").isNull()).isTrue();
    }

    @Test
    void a_message_accepted_without_an_smsid_expires_after_7_days_too() {
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        fake.sendOverride = body -> sends.incrementAndGet() == 1
                ? new MockResponse.Builder().code(502).build()
                : EsmsTestBase.refused("124", "Duplicate RequestId");
        TestServer.Reply first = server.send("HD30003", body("0901888484", null));
        assertThat(first.status()).isEqualTo(202);
        long id = first.json().get("id").asLong();
        server.clock.advance(Duration.ofSeconds(31));
        awaitStatus(id, "ACCEPTED");
        assertThat(message(id).get("smsId").isNull()).isTrue();

        server.clock.advance(Duration.ofDays(7).plusMinutes(1));
        awaitStatus(id, "EXPIRED");
        assertThat(message(id).get("failureReason").asText()).contains("without an SMSID");
    }

    @Test
    void sandbox_messages_end_validated_and_are_never_asked_about_or_expired() {
        String sandbox = "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"A\"],\"sandbox\":true}";
        TestServer.Reply sent = server.send("HD30004", sandbox);
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().get("status").asText()).isEqualTo("VALIDATED");
        long id = sent.json().get("id").asLong();
        long other = server.send("HD30005", body("0901888485", null)).json().get("id").asLong();
        server.clock.advance(Duration.ofMinutes(11));
        TestServer.await("the other message to be asked about", () -> !fake.calls("GetCallback").isEmpty());

        server.clock.advance(Duration.ofDays(7));
        awaitStatus(other, "EXPIRED");
        server.awaitReconcilePass();

        assertThat(message(id).get("status").asText()).isEqualTo("VALIDATED");
        assertThat(message(id).get("failureReason").isNull()).isTrue();
        assertThat(journey("HD30004").get("status").asText()).isEqualTo("VALIDATED");
        assertThat(fake.seen).filteredOn(s -> !s.call().equals("send"))
                .allSatisfy(s -> assertThat(String.valueOf(s.body()) + s.query()).doesNotContain("\"S1\"").doesNotContain("RefId=S1"));
    }
}
