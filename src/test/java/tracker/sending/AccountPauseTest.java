package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** When eSMS refuses the account itself, sending pauses and messages wait instead of failing one after another. */
class AccountPauseTest extends EsmsTestBase {
    private static MockResponse balance(long vnd) { return json("{\"Balance\":" + vnd + ",\"CodeResponse\":\"100\",\"UserID\":9}"); }

    private TestServer.Reply sendHeld(String orderId) {
        TestServer.Reply r = server.send(orderId, body("0901888484", null));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(r.json().get("heldReason").asText()).matches("eSMS 1(01|02|03|40|43): .*; sending is paused.*");
        return r;
    }

    @Test
    void an_empty_balance_holds_messages_probes_the_balance_and_sends_them_in_order_once_topped_up() {
        esms.enqueue(refused("103", "Balance not enough"));
        long first = sendHeld("HD99001").json().get("id").asLong();
        String firstRequestId = takeEsmsBody().get("RequestId").asText();
        long second = sendHeld("HD99002").json().get("id").asLong();
        assertThat(esms.getRequestCount()).as("a send while paused does not reach eSMS").isEqualTo(1);

        server.clock.advance(Duration.ofMinutes(4));
        server.awaitRetryPass();
        assertThat(esms.getRequestCount()).as("no probe before 5 minutes").isEqualTo(1);

        esms.enqueue(balance(0));
        server.clock.advance(Duration.ofMinutes(2));
        TestServer.await("a balance probe", () -> esms.getRequestCount() == 2);
        assertThat(takeEsmsBody().has("Phone")).as("the probe asks the balance, sends nothing").isFalse();
        server.awaitRetryPass();
        assertThat(message(first).get("status").asText()).isEqualTo("QUEUED");

        esms.enqueue(balance(250_000));
        esms.enqueue(accepted("S-first"));
        esms.enqueue(accepted("S-second"));
        server.clock.advance(Duration.ofMinutes(5));
        TestServer.await("both sent", () -> message(second).get("status").asText().equals("ACCEPTED"));
        takeEsmsBody();
        JsonNode sentFirst = takeEsmsBody();
        assertThat(sentFirst.get("OrderId").asText()).as("in the order they came").isEqualTo("HD99001");
        assertThat(sentFirst.get("RequestId").asText()).as("eSMS never took it: a fresh RequestId").isNotEqualTo(firstRequestId);
        assertThat(message(first).get("smsId").asText()).isEqualTo("S-first");
        assertThat(message(first).get("heldReason").isNull()).isTrue();
    }

    @Test
    void refused_credentials_are_probed_with_the_oldest_held_message() {
        esms.enqueue(refused("101", "Authorize Failed"));
        long first = sendHeld("HD99101").json().get("id").asLong();
        takeEsmsBody();
        long second = sendHeld("HD99102").json().get("id").asLong();

        esms.enqueue(refused("101", "Authorize Failed"));
        server.clock.advance(Duration.ofMinutes(5));
        TestServer.await("a probe", () -> esms.getRequestCount() == 2);
        assertThat(takeEsmsBody().get("OrderId").asText()).isEqualTo("HD99101");
        server.awaitRetryPass();
        assertThat(message(first).get("heldReason").asText()).startsWith("eSMS 101");
        assertThat(esms.getRequestCount()).isEqualTo(2);

        esms.enqueue(accepted("S-1"));
        esms.enqueue(accepted("S-2"));
        server.clock.advance(Duration.ofMinutes(5));
        TestServer.await("both sent", () -> message(second).get("status").asText().equals("ACCEPTED"));
        assertThat(message(first).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void a_message_eSMS_may_already_hold_keeps_its_request_id_when_released() {
        esms.enqueue(new MockResponse.Builder().code(502).build()); // no definite answer: eSMS may have it
        long id = server.send("HD99201", body("0901888484", null)).json().get("id").asLong();
        String requestId = takeEsmsBody().get("RequestId").asText();
        esms.enqueue(refused("103", "Balance not enough"));
        server.clock.advance(Duration.ofSeconds(31));
        TestServer.await("held", () -> !message(id).get("heldReason").isNull());
        takeEsmsBody();

        esms.enqueue(balance(99_000));
        esms.enqueue(accepted("S-kept"));
        server.clock.advance(Duration.ofMinutes(5));
        TestServer.await("sent", () -> message(id).get("status").asText().equals("ACCEPTED"));
        takeEsmsBody();
        assertThat(takeEsmsBody().get("RequestId").asText()).isEqualTo(requestId);
    }

    @Test
    void a_message_held_longer_than_hold_max_fails_saying_why_and_the_pause_shows_in_the_account() {
        esms.enqueue(refused("103", "Balance not enough"));
        long id = sendHeld("HD99301").json().get("id").asLong();
        takeEsmsBody();
        esms.enqueue(balance(1_000));
        esms.enqueue(json("{\"CodeResult\":\"100\",\"DailyQuota\":5000,\"RemainingQuota\":5000}"));
        JsonNode paused = server.get("/api/account").json().get("paused");
        assertThat(paused.get("code").asText()).isEqualTo("103");
        assertThat(paused.get("held").asInt()).isEqualTo(1);
        assertThat(paused.get("reason").asText()).contains("balance");

        esms.enqueue(balance(0));
        server.clock.advance(Duration.ofHours(24).plusMinutes(1));
        TestServer.await("given up", () -> message(id).get("status").asText().equals("FAILED"));
        JsonNode m = message(id);
        assertThat(m.get("failureReason").asText()).startsWith("held 24 h while sending was paused (eSMS 103");
        assertThat(m.get("failureKind").asText()).isEqualTo("account");
    }

    @Test
    void the_pause_survives_a_restart() {
        esms.enqueue(refused("143", "Account locked"));
        sendHeld("HD99401");
        takeEsmsBody();
        server.stop();
        server.start();
        sendHeld("HD99402");
        assertThat(esms.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_held_message_whose_send_before_passes_is_cancelled_not_sent() {
        esms.enqueue(refused("103", "Balance not enough"));
        TestServer.Reply r = server.send("HD99501", "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"A\"],"
                + "\"sendBefore\":\"2026-11-28T09:00:00Z\"}");
        assertThat(r.json().get("heldReason").isNull()).isFalse();
        takeEsmsBody();
        esms.enqueue(balance(0)); // the pause's probes meanwhile: still empty
        server.clock.advance(Duration.ofMinutes(61));
        long id = r.json().get("id").asLong();
        TestServer.await("cancelled", () -> message(id).get("status").asText().equals("CANCELLED"));
        assertThat(message(id).get("heldReason").isNull()).as("no longer held once final").isTrue();
    }
}
