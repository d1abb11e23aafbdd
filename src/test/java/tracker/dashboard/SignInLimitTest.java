package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** Five failed sign-ins a minute per client address; behind a trusted proxy, the address is the proxy's client. */
class SignInLimitTest extends EsmsTestBase {
    static final String TOKEN = "sign-in-limit-token-0123456789";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN, "TRUSTED_PROXIES", "127.0.0.1,::1"); }

    /** A sign-in through our (trusted) proxy on behalf of {@code client}. */
    private TestServer.Reply signIn(String client, String token) {
        return server.call(new Request.Builder().url(server.url("/dashboard/login")).header("X-Forwarded-For", client)
                .post(RequestBody.create("{\"token\":\"" + token + "\"}", MediaType.get("application/json"))));
    }

    @Test
    void the_sixth_quick_wrong_sign_in_from_one_address_is_429_while_another_address_can_still_sign_in() {
        for (int i = 1; i <= 5; i++) assertThat(signIn("203.0.113.5", "wrong-token-" + i).status()).as("try " + i).isEqualTo(401);

        TestServer.Reply sixth = signIn("203.0.113.5", "wrong-token-6");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().get("field").asText()).isEqualTo("token");
        assertThat(signIn("203.0.113.5", TOKEN).status()).as("even the right token, until the minute is over").isEqualTo(429);

        assertThat(signIn("198.51.100.7", TOKEN).status()).as("another client of the same proxy").isEqualTo(204);
    }

    @Test
    void the_429_says_when_to_try_again_and_the_address_may_try_again_then() throws Exception {
        for (int i = 1; i <= 5; i++) signIn("203.0.113.9", "wrong-token-" + i);
        try (var res = server.http.newCall(new Request.Builder().url(server.url("/dashboard/login")).header("X-Forwarded-For", "203.0.113.9")
                .post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", MediaType.get("application/json"))).build()).execute()) {
            assertThat(res.code()).isEqualTo(429);
            assertThat(Long.parseLong(res.header("Retry-After"))).isBetween(1L, 60L);
        }
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(signIn("203.0.113.9", TOKEN).status()).isEqualTo(204);
    }

    @Test
    void a_client_cannot_escape_the_limit_by_writing_its_own_forwarded_for() {
        for (int i = 1; i <= 5; i++) {
            // the proxy appends the client's real address after whatever the client sent
            assertThat(signIn("10.9.9." + i + ", 203.0.113.20", "wrong-token").status()).isEqualTo(401);
        }
        assertThat(signIn("10.9.9.6, 203.0.113.20", TOKEN).status()).isEqualTo(429);
    }

    @Test
    void successful_sign_ins_do_not_count() {
        for (int i = 1; i <= 8; i++) assertThat(signIn("203.0.113.30", TOKEN).status()).as("sign-in " + i).isEqualTo(204);
    }
}
