package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** A redirect from "eSMS" is an answer, never an order: our keys are not carried to another address. */
class EsmsRedirectTest extends EsmsTestBase {
    /** Where a hijacked eSMS would send our request: plain http, anywhere. */
    @StartStop final MockWebServer elsewhere = new MockWebServer();

    private MockResponse redirect(int code) {
        return new MockResponse.Builder().code(code).addHeader("Location", elsewhere.url("/steal").toString()).build();
    }

    @Test
    void a_307_on_a_send_is_not_followed_and_the_message_stays_queued() {
        esms.enqueue(redirect(307));

        TestServer.Reply r = server.send("HD-R1", body("0901888484", null));

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(takeEsmsBody().get("SecretKey").asText()).isEqualTo("test-secret-key"); // the one request was to eSMS
        assertThat(elsewhere.getRequestCount()).as("requests that reached the redirect target").isZero();
        assertThat(server.get("/api/messages/" + r.json().get("id").asLong()).body()).contains("HTTP 307");
    }

    @Test
    void a_redirect_on_a_lookup_is_not_followed_and_the_lookup_counts_as_unanswered() {
        Sent sent = sendAccepted("HD-R2", "SMS-R2");
        esms.enqueue(redirect(308));

        TestServer.Reply r = server.post("/api/messages/" + sent.id() + "/refresh", "");

        assertThat(r.status()).isEqualTo(503);
        assertThat(takeEsmsRequest().getUrl().encodedPath()).contains("GetCallback");
        assertThat(elsewhere.getRequestCount()).as("requests that reached the redirect target").isZero();
    }
}
