package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestDatabases;
import tracker.TestServer;

/** What the real process prints: a loud warning when the API is open, and never a secret, even on faults. */
class SecretsInLogsTest extends ChildTestBase {
    private static final String API_TOKEN = "child-api-token-5e8b0123456789";
    private static final String DB_PASSWORD = "db-password-7d2e0123456789";

    @Test
    void start_up_warns_loudly_when_api_token_is_not_set() {
        startChild(Map.of("HOST", "127.0.0.1")); // the only way to run without a token with the simulator off
        assertThat(child.output()).contains("WARN").contains("API_TOKEN is not set");
    }

    @Test
    void no_secret_or_callback_token_reaches_the_log_even_on_refusals_and_storage_faults() throws Exception {
        // on PostgreSQL the URL carries a password too (trust auth ignores it): it must never be printed either
        String db = TestDatabases.fresh(dir) + (TestDatabases.POSTGRES ? "&password=" + DB_PASSWORD : "");
        startChild(Map.of("API_TOKEN", API_TOKEN, "DATABASE_URL", db));
        TestServer.Reply sent = child.call(new Request.Builder().url(child.url("/api/journeys/HD-LOG/messages"))
                .header("Authorization", "Bearer " + API_TOKEN)
                .post(RequestBody.create(EsmsTestBase.body("0901888484", null), MediaType.get("application/json"))));
        assertThat(sent.status()).isEqualTo(201);
        long id = sent.json().get("id").asLong();
        String path = callbackPath(id);
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(child.get(path + "?SMSID=SMS1&SendStatus=2").status()).isEqualTo(200);
        assertThat(child.get("/callbacks/" + id + "/" + "A".repeat(43) + "?SMSID=SMS1&SendStatus=5").status()).isEqualTo(403);
        assertThat(child.call(new Request.Builder().url(child.url("/api/journeys")).header("Authorization", "Bearer wrong")).status())
                .isEqualTo(401);
        try (AutoCloseable down = TestDatabases.outage(child.databaseUrl)) {
            assertThat(child.get(path + "?SMSID=SMS1&SendStatus=7").status()).isEqualTo(503);
        }
        child.stop();

        assertThat(child.output()).contains("storage unavailable") // the fault was logged...
                .doesNotContain(ChildService.API_KEY).doesNotContain(ChildService.SECRET_KEY) // ...but no secret
                .doesNotContain(ChildService.CALLBACK_SECRET).doesNotContain(API_TOKEN).doesNotContain(token)
                .doesNotContain(DB_PASSWORD);
    }
}
