package tracker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

class MetricsAndHealthTest extends EsmsTestBase {
    private static final String TOKEN = "metrics-test-token-0123456789";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN, "RETENTION_DAYS", "1"); }

    private TestServer.Reply authed(String path) {
        return server.call(new okhttp3.Request.Builder().url(server.url(path)).header("Authorization", "Bearer " + TOKEN));
    }

    private double metric(String text, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private final tracker.FakeEsms fake = new tracker.FakeEsms();

    @org.junit.jupiter.api.BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    /** Sends one message; eSMS accepts it with SMSID S1, S2 ... (or answers {@code refusal}). */
    private Sent send(String orderId, mockwebserver3.MockResponse refusal) {
        fake.sendOverride = refusal == null ? null : b -> refusal;
        TestServer.Reply r = server.call(new okhttp3.Request.Builder().url(server.url("/api/journeys/" + orderId + "/messages"))
                .header("Authorization", "Bearer " + TOKEN)
                .post(okhttp3.RequestBody.create(body("0901888484", null), okhttp3.MediaType.get("application/json"))));
        return new Sent(r, takeEsmsBody());
    }

    @Test
    void metrics_show_sends_callbacks_transitions_and_latencies_moving() {
        Sent sent = send("HD50001", null);
        assertThat(callback(sent, "SMSID=S1&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(200);
        assertThat(callback(sent, "SMSID=S1&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(200);
        assertThat(server.rawGet("/callbacks/" + sent.id() + "/" + "A".repeat(43) + "?SMSID=S1&SendStatus=5")).isEqualTo(403);
        assertThat(callback(sent, "SMSID=S1")).isEqualTo(400);

        String text = authed("/metrics").body();

        assertThat(metric(text, "tracker_esms_answers_total{call=\"send\",code=\"100\"}")).isEqualTo(1);
        assertThat(metric(text, "tracker_callbacks_received_total")).isEqualTo(4);
        assertThat(metric(text, "tracker_callbacks_duplicated_total")).isEqualTo(1);
        assertThat(metric(text, "tracker_callbacks_refused_total{reason=\"bad_token\"}")).isEqualTo(1);
        assertThat(metric(text, "tracker_callbacks_refused_total{reason=\"malformed\"}")).isEqualTo(1);
        assertThat(metric(text, "tracker_status_transitions_total{from=\"ACCEPTED\",source=\"callback\",to=\"DELIVERED\"}")).isEqualTo(1);
        assertThat(metric(text, "tracker_status_transitions_total{from=\"QUEUED\",source=\"send\",to=\"ACCEPTED\"}")).isEqualTo(1);
        assertThat(metric(text, "tracker_send_to_final_seconds_count{status=\"DELIVERED\"}")).isEqualTo(1);
        assertThat(metric(text, "tracker_db_write_batch_seconds_count")).isGreaterThan(0);
        assertThat(metric(text, "tracker_retry_queue_depth")).isEqualTo(0);
        assertThat(text).contains("jvm_memory_used_bytes").contains("tracker_reconcile_passes_total")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/callbacks/{messageId}/{token}\",status=\"200\"}");
        assertThat(text).doesNotContain("test-api-key").doesNotContain("test-secret-key").doesNotContain(TOKEN)
                .doesNotContain("0901888484").doesNotContain(sent.callbackPath().substring(sent.callbackPath().lastIndexOf('/') + 1));
    }

    @Test
    void metrics_need_the_api_token_when_one_is_set() {
        assertThat(server.get("/metrics").status()).isEqualTo(401);
        assertThat(authed("/metrics").status()).isEqualTo(200);
        assertThat(server.get("/health").status()).as("probes need no token").isEqualTo(200);
    }

    @Test
    void esms_refusing_our_keys_keeps_health_200_and_says_so_in_its_esms_detail() {
        assertThat(authed("/health").json().get("esms").asText()).isEqualTo("ok");
        send("HD50002", refused("101", "Authorize Failed"));

        TestServer.Reply health = authed("/health");

        assertThat(health.status()).as("callbacks can still be taken").isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ready");
        assertThat(health.json().get("esms").asText()).startsWith("credentials refused").contains("eSMS 101")
                .contains("ESMS_API_KEY");
        assertThat(health.json().has("reasons")).isFalse();

        fake.sendOverride = null; // the keys work again: the pause's probe (5 minutes on) sends the held message
        server.clock.advance(java.time.Duration.ofMinutes(5));
        TestServer.await("the probe to be accepted", () -> authed("/health").json().get("esms").asText().equals("ok"));
    }

    @Test
    void health_without_the_token_answers_only_ready_or_not_ready() throws Exception {
        send("HD50006", refused("101", "Authorize Failed"));
        TestServer.Reply ready = server.get("/health");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");

        try (Connection c = server.connect()) {
            c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '2'");
        }
        TestServer.Reply notReady = server.get("/health");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"not ready\"}");
    }

    @Test
    void health_ready_answers_like_health_beside_health_live_for_load_balancers() throws Exception {
        assertThat(server.get("/health/ready").status()).isEqualTo(200);
        assertThat(authed("/health/ready").json()).isEqualTo(authed("/health").json());
        assertThat(server.get("/health/live").status()).isEqualTo(200);
        try (Connection c = server.connect()) {
            c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '2'");
        }
        assertThat(server.get("/health/ready").status()).as("not ready, like /health").isEqualTo(503);
        assertThat(server.get("/health/live").status()).as("the process still serves").isEqualTo(200);
    }

    @Test
    void readiness_says_when_a_migration_is_missing() throws Exception {
        try (Connection c = server.connect()) {
            c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '2'");
        }
        TestServer.Reply health = authed("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("migrations").get("missing").get(0).asText()).isEqualTo("2");
        assertThat(health.json().get("reasons").get(0).asText()).contains("migrations missing");
    }

    @Test
    void journeys_idle_longer_than_retention_days_are_purged_and_counted() {
        send("HD50004", null);
        server.clock.advance(Duration.ofHours(23));
        send("HD50005", null);
        server.clock.advance(Duration.ofHours(1).plusMinutes(1));
        TestServer.await("the purge", () -> authed("/api/journeys/HD50004").status() == 404);

        assertThat(authed("/api/journeys/HD50005").status()).isEqualTo(200);
        assertThat(metric(authed("/metrics").body(), "tracker_retention_purged_journeys_total")).isEqualTo(1);
    }
}
