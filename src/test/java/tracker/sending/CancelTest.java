package tracker.sending;

import tracker.ledger.Detail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

class CancelTest extends EsmsTestBase {
    private final FakeEsms fake = new FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    private TestServer.Reply delete(long id) { return server.call(new Request.Builder().url(server.url("/api/messages/" + id)).delete()); }

    private void esmsFailsEverySend() { fake.sendOverride = body -> new MockResponse.Builder().code(503).build(); }

    private static String body(String sendBefore) {
        return "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"A\"]"
                + (sendBefore == null ? "" : ",\"sendBefore\":\"" + sendBefore + "\"") + "}";
    }

    @Test
    void a_queued_message_can_be_cancelled_and_is_never_sent_again() {
        esmsFailsEverySend();
        long id = server.send("HD40001", body(null)).json().get("id").asLong();

        TestServer.Reply r = delete(id);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(r.json().get("failureReason").asText()).contains("cancelled on request");
        assertThat(delete(id).status()).as("a repeated DELETE").isEqualTo(200);
        server.clock.advance(Duration.ofHours(1));
        server.awaitRetryPass(); // a whole pass after the hour: it must not send it
        assertThat(fake.calls("send")).hasSize(1);
        assertThat(journey("HD40001").get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void a_message_esms_accepted_cannot_be_cancelled() {
        long id = server.send("HD40002", body(null)).json().get("id").asLong();

        TestServer.Reply r = delete(id);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).contains("ACCEPTED");
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(delete(424242).status()).isEqualTo(404);
    }

    @Test
    void a_cancel_while_the_esms_call_is_in_flight_gets_409_and_the_answer_wins() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fake.sendOverride = b -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return EsmsTestBase.accepted("S-late");
        };
        CompletableFuture<TestServer.Reply> sending = CompletableFuture.supplyAsync(() -> server.send("HD40003", body(null)));
        TestServer.await("the send to reach eSMS", () -> !fake.calls("send").isEmpty());
        long id = server.get("/api/journeys/HD40003").json().get("messages").get(0).get("id").asLong();

        TestServer.Reply cancel = delete(id);
        release.countDown();

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("error").asText()).contains("being sent to eSMS right now");
        assertThat(sending.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void a_callback_after_a_cancel_proves_esms_had_the_message_and_wins() {
        esmsFailsEverySend(); // e.g. a timeout whose request eSMS did take
        long id = server.send("HD40004", body(null)).json().get("id").asLong();
        assertThat(delete(id).status()).isEqualTo(200);
        String path = TestServer.pathOf(fake.calls("send").get(0).body().get("CallbackUrl").asText());

        assertThat(server.rawGet(path + "?SMSID=S9&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(200);

        JsonNode m = message(id);
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(m.get("smsId").asText()).isEqualTo("S9");
    }

    @Test
    void send_before_cancels_a_message_esms_has_not_accepted_in_time() {
        esmsFailsEverySend();
        String deadline = server.clock.instant().plus(Duration.ofMinutes(5)).toString();
        TestServer.Reply r = server.send("HD40005", body(deadline));
        assertThat(r.status()).isEqualTo(202);
        long id = r.json().get("id").asLong();
        assertThat(r.json().get("sendBefore").asText()).isEqualTo(Detail.instant(java.time.Instant.parse(deadline).toEpochMilli()));
        assertThat(r.json().get("attempts").asInt()).isEqualTo(1);
        assertThat(r.json().get("nextAttemptAt").asText()).isEqualTo("2026-11-28T08:00:30.000Z");
        JsonNode queued = r.json().get("events").get(r.json().get("events").size() - 1);
        assertThat(queued.get("type").asText()).isEqualTo("QUEUED");
        assertThat(queued.get("detail").get("nextAttemptAt").asText()).isEqualTo("2026-11-28T08:00:30.000Z");

        server.clock.advance(Duration.ofMinutes(6));
        TestServer.await("the cancel", () -> "CANCELLED".equals(message(id).get("status").asText()));

        assertThat(message(id).get("failureReason").asText()).contains("sendBefore");
        assertThat(fake.calls("send")).hasSize(1);
    }

    @Test
    void send_before_never_cancels_a_message_esms_accepted() {
        String deadline = server.clock.instant().plus(Duration.ofMinutes(5)).toString();
        long id = server.send("HD40006", body(deadline)).json().get("id").asLong();
        server.clock.advance(Duration.ofMinutes(6));
        server.awaitRetryPass(); // each pass cancels what is overdue first
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void send_before_in_the_past_or_malformed_is_refused_and_nothing_is_stored() {
        TestServer.Reply past = server.send("HD40007", body(server.clock.instant().minusSeconds(1).toString()));
        TestServer.Reply bad = server.send("HD40007", body("tomorrow"));

        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("field").asText()).isEqualTo("sendBefore");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("sendBefore");
        assertThat(server.get("/api/journeys/HD40007").status()).isEqualTo(404);
        assertThat(fake.calls("send")).isEmpty();
    }
}
