package tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

class RestartTest extends EsmsTestBase {

    @Test
    void after_a_restart_on_the_same_file_journeys_and_callback_urls_still_work() {
        Sent s = sendAccepted("HD1", "s1");
        server.stop();
        server.start();
        assertThat(journey("HD1").get("messages").get(0).get("smsId").asText()).isEqualTo("s1");
        assertThat(callback(s, "SMSID=s1&SendStatus=5&SendSuccess=1")).isEqualTo(200);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void a_queued_message_is_retried_after_a_restart() {
        esms.enqueue(new MockResponse.Builder().code(500).build());
        long id = server.send("HD1", body("0901888484", null)).json().get("id").asLong();
        server.stop();
        esms.enqueue(accepted("s-after-restart"));
        server.start();
        server.clock.advance(Duration.ofMinutes(1));
        TestServer.await("the retry after restart", () -> message(id).get("status").asText().equals("ACCEPTED"));
        assertThat(message(id).get("smsId").asText()).isEqualTo("s-after-restart");
    }

    @Test
    void an_api_token_guards_the_api_but_not_health_or_callbacks() {
        Sent s = sendAccepted("HD1", "s1");
        server.stop();
        server.env.put("API_TOKEN", "a-long-enough-api-token-123");
        server.start();
        TestServer.Reply r = server.get("/api/journeys/HD1");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("field").asText()).isEqualTo("Authorization");
        assertThat(server.call(new okhttp3.Request.Builder().url(server.url("/api/journeys/HD1"))
                .header("Authorization", "Bearer wrong-token-wrong-token")).status()).isEqualTo(401);
        assertThat(server.call(new okhttp3.Request.Builder().url(server.url("/api/journeys/HD1"))
                .header("Authorization", "Bearer a-long-enough-api-token-123")).status()).isEqualTo(200);
        assertThat(server.get("/health").status()).isEqualTo(200);
        assertThat(server.get("/health/live").status()).isEqualTo(200);
        assertThat(callback(s, "SMSID=s1&SendStatus=7")).isEqualTo(200);
    }
}
