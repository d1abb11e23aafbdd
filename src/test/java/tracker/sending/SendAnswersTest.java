package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** What each kind of eSMS answer does to a send, and how QUEUED messages are retried. */
class SendAnswersTest extends EsmsTestBase {

    @Test
    void wrong_keys_101_holds_the_message_with_a_readable_reason_instead_of_rejecting_it() {
        esms.enqueue(refused("101", "Authorize Failed"));
        TestServer.Reply r = server.send("HD1", body("0901888484", null));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(r.json().get("heldReason").asText()).contains("eSMS 101").contains("credentials");
        assertThat(r.json().get("events").get(1).get("type").asText()).isEqualTo("HELD");
        assertThat(journey("HD1").get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void template_not_configured_789_is_rejected() {
        esms.enqueue(refused("789", "Template not config"));
        TestServer.Reply r = server.send("HD1", body("0901888484", null));
        assertThat(r.json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(r.json().get("failureReason").asText()).contains("template is not configured");
    }

    @Test
    void rate_limit_160_queues_the_message_with_202_and_a_retry_time() {
        esms.enqueue(refused("160", "TPS exceeded"));
        TestServer.Reply r = server.send("HD1", body("0901888484", null));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(r.json().get("nextAttemptAt").asText()).isEqualTo("2026-11-28T08:00:30.000Z");
        JsonNode queued = r.json().get("events").get(1);
        assertThat(queued.get("type").asText()).isEqualTo("QUEUED");
        assertThat(queued.get("detail").get("reason").asText()).contains("rate limit");
    }

    @Test
    void esms_down_then_back_is_retried_with_the_same_request_id() throws Exception {
        esms.enqueue(new MockResponse.Builder().code(503).body("Service Unavailable").build());
        TestServer.Reply r = server.send("HD1", body("0901888484", null));
        assertThat(r.status()).isEqualTo(202);
        String requestId = takeEsmsBody().get("RequestId").asText();
        long id = r.json().get("id").asLong();

        esms.enqueue(accepted("smsid-after-retry"));
        server.clock.advance(Duration.ofSeconds(31));
        TestServer.await("the retry to be accepted", () -> message(id).get("status").asText().equals("ACCEPTED"));

        assertThat(takeEsmsBody().get("RequestId").asText()).isEqualTo(requestId);
        JsonNode m = message(id);
        assertThat(m.get("smsId").asText()).isEqualTo("smsid-after-retry");
        assertThat(m.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void non_json_and_dropped_connections_are_queued_not_rejected() {
        esms.enqueue(new MockResponse.Builder().code(200).body("<html>gateway</html>").build());
        assertThat(server.send("HD1", body("0901888484", null)).json().get("status").asText()).isEqualTo("QUEUED");
        esms.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        TestServer.Reply r = server.send("HD2", body("0901888484", null));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("events").get(1).get("detail").get("reason").asText()).contains("could not be reached");
    }

    @Test
    void a_send_whose_answer_is_lost_is_never_repeated_behind_our_back_and_its_retry_reads_124_as_got_through() {
        esms.enqueue(accepted("S1")); // leaves a pooled connection for the next send to reuse
        assertThat(server.send("HD1", body("0901888484", null)).status()).isEqualTo(201);
        takeEsmsBody();
        esms.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        esms.enqueue(refused("124", "Duplicate RequestId"));

        TestServer.Reply r = server.send("HD2", body("0901888484", null));
        assertThat(r.status()).as("the answer was lost: eSMS may have it, so we wait and ask again").isEqualTo(202);
        String requestId = takeEsmsBody().get("RequestId").asText();
        assertThat(esms.getRequestCount()).as("no silent second POST by the HTTP client").isEqualTo(2);

        server.clock.advance(Duration.ofSeconds(31));
        long id = r.json().get("id").asLong();
        TestServer.await("the retry to end", () -> !message(id).get("status").asText().equals("QUEUED"));
        assertThat(takeEsmsBody().get("RequestId").asText()).isEqualTo(requestId);
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void duplicate_request_id_124_on_a_retry_means_an_earlier_try_got_through() {
        esms.enqueue(new MockResponse.Builder().code(502).build());
        long id = server.send("HD1", body("0901888484", null)).json().get("id").asLong();
        esms.enqueue(refused("124", "Duplicate RequestId"));
        server.clock.advance(Duration.ofSeconds(31));
        TestServer.await("the retry to end", () -> !message(id).get("status").asText().equals("QUEUED"));
        JsonNode m = message(id);
        assertThat(m.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(m.get("smsId").isNull()).isTrue();
    }

    /** A message whose first try got no answer and whose retry eSMS answered 124: ACCEPTED, no SMSID yet. */
    private record Unbound(long id, String callbackPath) {}

    private Unbound acceptedWithoutSmsId(String orderId) {
        esms.enqueue(new MockResponse.Builder().code(502).build());
        long id = server.send(orderId, body("0901888484", null)).json().get("id").asLong();
        String path = TestServer.pathOf(takeEsmsBody().get("CallbackUrl").asText());
        esms.enqueue(refused("124", "Duplicate RequestId"));
        server.clock.advance(Duration.ofSeconds(31));
        TestServer.await("accepted", () -> message(id).get("status").asText().equals("ACCEPTED"));
        return new Unbound(id, path);
    }

    @Test
    void the_first_callback_binds_the_smsid_of_a_message_accepted_without_one() throws Exception {
        Unbound u = acceptedWithoutSmsId("HD1");
        long id = u.id();
        String path = u.callbackPath();
        assertThat(server.rawGet(path + "?SMSID=late-bound-1&SendStatus=5&SendSuccess=1")).isEqualTo(200);
        assertThat(message(id).get("smsId").asText()).isEqualTo("late-bound-1");
        assertThat(server.rawGet(path + "?SMSID=another-2&SendStatus=5&SendSuccess=1")).isEqualTo(409);
    }

    @Test
    void a_first_callback_with_the_smsid_of_another_message_is_a_conflict_not_a_fault() throws Exception {
        esms.enqueue(accepted("owned-by-first"));
        server.send("HD0", body("0901888484", null));
        takeEsmsBody();
        Unbound u = acceptedWithoutSmsId("HD1");
        long id = u.id();

        assertThat(server.rawGet(u.callbackPath() + "?SMSID=owned-by-first&SendStatus=5&SendSuccess=1")).isEqualTo(409);
        assertThat(message(id).get("smsId").isNull()).isTrue();
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void duplicate_request_id_124_on_the_first_try_is_a_rejection() {
        esms.enqueue(refused("124", "Duplicate RequestId"));
        TestServer.Reply r = server.send("HD1", body("0901888484", "used-elsewhere"));
        assertThat(r.json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(r.json().get("failureReason").asText()).contains("duplicate RequestId");
    }

    @Test
    void a_message_that_never_reaches_esms_fails_after_23_hours() {
        esms.enqueue(new MockResponse.Builder().code(500).build());
        long id = server.send("HD1", body("0901888484", null)).json().get("id").asLong();
        for (int i = 0; i < 3; i++) esms.enqueue(new MockResponse.Builder().code(500).build());
        server.clock.advance(Duration.ofHours(23));
        TestServer.await("the message to fail", () -> message(id).get("status").asText().equals("FAILED"));
        JsonNode m = message(id);
        assertThat(m.get("failureReason").asText()).startsWith("never reached eSMS");
        assertThat(journey("HD1").get("status").asText()).isEqualTo("FAILED");
        int calls = esms.getRequestCount();
        server.clock.advance(Duration.ofHours(2));
        server.awaitRetryPass(); // a wrong retry loop would call again in it
        assertThat(esms.getRequestCount()).isEqualTo(calls);
    }

    @Test
    void the_message_is_stored_before_esms_is_called() throws Exception {
        esms.enqueue(new MockResponse.Builder().code(200).headersDelay(1500, TimeUnit.MILLISECONDS)
                .body("{\"CodeResult\":\"100\",\"SMSID\":\"s1\"}").build());
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> server.send("HD1", body("0901888484", null)));
        takeEsmsBody(); // eSMS has the request and has not answered yet
        JsonNode j = journey("HD1");
        assertThat(j.get("messages").get(0).get("status").asText()).isEqualTo("QUEUED");
        assertThat(j.get("timeline").get(0).get("type").asText()).isEqualTo("SUBMITTED");
        assertThat(pending.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
    }
}
