package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Without TRUSTED_PROXIES, X-Forwarded-For is the client's own words and changes nothing. */
class UntrustedForwardedForTest extends EsmsTestBase {
    static final String TOKEN = "untrusted-xff-token-0123456789";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN); }

    @Test
    void a_forwarded_for_from_an_untrusted_peer_is_ignored_by_the_sign_in_limit() {
        int[] statuses = new int[6];
        for (int i = 0; i < 6; i++) {
            statuses[i] = server.call(new Request.Builder().url(server.url("/dashboard/login"))
                    .header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .post(RequestBody.create("{\"token\":\"wrong-token\"}", MediaType.get("application/json")))).status();
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
    }
}
