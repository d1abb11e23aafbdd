package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** eSMS misbehaving, chosen by the recipient's number: each send gets a readable outcome and none blocks another. */
class EsmsMisbehaviourTest extends EsmsTestBase {

    @BeforeEach void misbehavingEsms() {
        esms.setDispatcher(new Dispatcher() {
            @Override public MockResponse dispatch(RecordedRequest r) {
                String body = r.getBody().utf8();
                if (body.contains("0901000001")) return accepted("SMS-SLOW").newBuilder().headersDelay(12, TimeUnit.SECONDS).build();
                if (body.contains("0901000003")) return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                        .body("<html><body>502 Bad Gateway</body></html>").build();
                if (body.contains("0901000004")) return new MockResponse.Builder().code(200).body("x".repeat(5_000_000)).build();
                if (body.contains("0901000005")) return json("{\"CodeResult\":\"999\",\"ErrorMessage\":\"Some brand-new refusal\"}");
                if (body.contains("0901000006")) return new MockResponse.Builder().code(500).body("oops").build();
                if (body.contains("0901000007")) return json("{\"CodeResult\":\"100\"}");
                if (body.contains("0901000008")) return json("{\"CodeResult\":998}");
                return accepted("SMS-OK-" + java.util.UUID.randomUUID());
            }
        });
    }

    @Test
    void esms_slower_than_the_read_timeout_leaves_the_message_queued_and_does_not_hold_up_other_sends() throws Exception {
        var slow = CompletableFuture.supplyAsync(() -> server.send("HD-E1", body("0901000001", null)));
        TestServer.await("the slow send reached eSMS", () -> esms.getRequestCount() >= 1);
        TestServer.Reply fast = server.send("HD-E1B", body("0901888484", null));
        assertThat(fast.status()).isEqualTo(201);
        assertThat(slow).as("the slow send is still waiting for eSMS").isNotDone();
        TestServer.Reply r = slow.get(60, TimeUnit.SECONDS);
        assertQueuedWith(r, "eSMS could not be reached");
    }

    @Test
    void a_connection_reset_by_esms_leaves_the_message_queued_with_a_readable_reason() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                while (!resetting.isClosed()) {
                    try (Socket s = resetting.accept()) {
                        s.getInputStream().read(new byte[1024]);
                        s.setSoLinger(true, 0); // close with RST: "connection reset by peer"
                    } catch (IOException closed) { /* test over */ }
                }
            });
            t.setDaemon(true);
            t.start();
            server.stop();
            server.env.put("ESMS_BASE_URL", "http://127.0.0.1:" + resetting.getLocalPort());
            server.start();
            assertQueuedWith(server.send("HD-E2", body("0901000002", null)), "eSMS could not be reached");
        }
    }

    @Test
    void html_instead_of_json_leaves_the_message_queued_with_a_readable_reason() {
        assertQueuedWith(server.send("HD-E3", body("0901000003", null)), "without a JSON result");
    }

    @Test
    void a_huge_answer_is_read_only_up_to_its_cap_and_the_message_is_queued() {
        assertQueuedWith(server.send("HD-E4", body("0901000004", null)), "without a JSON result");
    }

    @Test
    void an_unknown_result_code_is_recorded_as_a_refusal_with_esms_words() {
        TestServer.Reply r = server.send("HD-E5", body("0901000005", null));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(r.json().get("failureReason").asText()).isEqualTo("eSMS 999: Some brand-new refusal");
        TestServer.Reply bare = server.send("HD-E8", body("0901000008", null));
        assertThat(bare.json().get("failureReason").asText()).isEqualTo("eSMS 998: unknown eSMS result code");
    }

    @Test
    void a_server_error_from_esms_leaves_the_message_queued_for_a_retry() {
        assertQueuedWith(server.send("HD-E6", body("0901000006", null)), "eSMS answered HTTP 500");
    }

    @Test
    void an_acceptance_without_an_smsid_is_not_taken_as_accepted() {
        assertQueuedWith(server.send("HD-E7", body("0901000007", null)), "without a usable SMSID");
    }

    private void assertQueuedWith(TestServer.Reply r, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("QUEUED");
        JsonNode events = r.json().get("events");
        assertThat(events.get(events.size() - 1).get("detail").get("reason").asText()).contains(reason);
        assertThat(server.get("/health/live").status()).isEqualTo(200);
    }
}
