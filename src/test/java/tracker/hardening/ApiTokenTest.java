package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;
import tracker.web.Auth;

/** With API_TOKEN set, the API answers only the exact bearer token; callbacks rely on their own token. */
class ApiTokenTest extends EsmsTestBase {
    static final String TOKEN = "api-token-0123456789abcdef";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN); }

    @Test
    void a_request_without_a_token_is_refused_with_401_and_no_data() {
        TestServer.Reply r = server.get("/api/journeys");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("field").asText()).isEqualTo("Authorization");
        assertThat(server.send("HD-T1", body("0901888484", null)).status()).isEqualTo(401);
        assertThat(esms.getRequestCount()).as("a refused send reaches no eSMS").isZero();
    }

    @Test
    void a_wrong_token_a_prefix_of_it_or_a_longer_one_is_refused_with_401() {
        for (String wrong : new String[] {"nope", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", TOKEN.toUpperCase(), ""}) {
            assertThat(withAuth("/api/journeys", "Bearer " + wrong).status()).as(wrong).isEqualTo(401);
        }
        assertThat(withAuth("/api/journeys", "Basic " + TOKEN).status()).isEqualTo(401);
        assertThat(withAuth("/api/journeys", TOKEN).status()).isEqualTo(401);
    }

    @Test
    void the_token_in_the_query_string_is_not_accepted() {
        assertThat(server.get("/api/journeys?access_token=" + TOKEN).status()).isEqualTo(401);
    }

    @Test
    void a_401_never_echoes_the_token_that_was_tried() {
        TestServer.Reply r = withAuth("/api/journeys", "Bearer guess-" + TOKEN);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(TOKEN);
    }

    @Test
    void the_check_compares_digests_so_its_time_does_not_depend_on_where_a_guess_differs() {
        byte[] expected = Auth.sha256(TOKEN);
        assertThat(Auth.matches(expected, TOKEN)).isTrue();
        assertThat(Auth.matches(expected, TOKEN + " ")).isFalse();
        assertThat(Auth.matches(expected, null)).isFalse();
        assertThat(expected).hasSize(32); // fixed-length digests, compared with MessageDigest.isEqual
    }

    @Test
    void the_right_token_opens_the_api_and_callbacks_need_only_their_own_token() {
        esms.enqueue(accepted("SMS-T6"));
        TestServer.Reply sent = server.call(new Request.Builder().url(server.url("/api/journeys/HD-T6/messages"))
                .header("Authorization", "bearer " + TOKEN)
                .post(okhttp3.RequestBody.create(body("0901888484", null), okhttp3.MediaType.get("application/json"))));
        assertThat(sent.status()).isEqualTo(201);
        String path = TestServer.pathOf(takeEsmsBody().get("CallbackUrl").asText());
        assertThat(server.rawGet(path + "?SMSID=SMS-T6&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(200);
        assertThat(withAuth("/api/messages/" + sent.json().get("id").asLong(), "Bearer " + TOKEN).json()
                .get("status").asText()).isEqualTo("DELIVERED");
    }

    private TestServer.Reply withAuth(String path, String authorization) {
        return server.call(new Request.Builder().url(server.url(path)).header("Authorization", authorization));
    }
}
