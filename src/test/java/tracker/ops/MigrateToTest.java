package tracker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestDatabases;
import tracker.TestServer;
import tracker.webhooks.Receiver;

/**
 * ./run.sh migrate-to as a separate JVM: a SQLite database the real service filled is moved to an empty PostgreSQL
 * database, and the service started there goes on as if nothing happened. PostgreSQL on either engine's run.
 */
class MigrateToTest extends EsmsTestBase {
    private static final String PASSWORD = "migr4te-s3cret-pw";
    private static final String DELIVERED = "SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27";
    private static final List<String> IDENTITIES = List.of("journey", "message", "event", "alert", "webhook_endpoint",
            "webhook_message", "webhook_delivery", "webhook_attempt");
    private final Receiver receiver = new Receiver();
    private String target;

    /** The service's own database is a SQLite file whatever TEST_ENGINE says: it is the move's source. */
    @Override protected Map<String, String> extraEnv() {
        return Map.of("DATABASE_URL", sourceUrl(), "WEBHOOK_ALLOW_PRIVATE", "true");
    }

    private String sourceUrl() { return "jdbc:sqlite:" + dir.resolve("journeys.sqlite"); }

    @AfterEach void dropTarget() {
        receiver.close();
        if (target != null && !target.equals(server.databaseUrl)) TestDatabases.drop(target); // else the server's close drops it
    }

    /** What the command printed (stdout and stderr) and its exit code. */
    record Run(int exit, String output) {}

    private static Run migrate(String source, String to) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "tracker.ops.MigrateTo", to);
        pb.environment().clear();
        pb.environment().put("DATABASE_URL", source);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("migrate-to ended").isTrue();
        return new Run(p.exitValue(), output);
    }

    /** A new empty PostgreSQL database whose URL carries a password (the local server trusts, so any will do). */
    private String emptyTarget() {
        String url = TestDatabases.emptyPostgres();
        target = url.contains("password=") ? url : url + (url.contains("?") ? "&" : "?") + "password=" + PASSWORD;
        return target;
    }

    private String password() { return target.replaceFirst(".*[?&]password=([^&]*).*", "$1"); }

    private long send(String orderId, String json, MockResponse answer) {
        esms.enqueue(answer);
        TestServer.Reply r = server.send(orderId, json);
        assertThat(r.status()).as(r.body()).isIn(201, 202);
        takeEsmsBody();
        return r.json().get("id").asLong();
    }

    private void awaitWebhooksSettled() {
        TestServer.await("webhook deliveries to settle", () -> {
            TestServer.Reply r = server.get("/api/webhooks");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json().get("endpoints").get(0).get("pending").asInt() == 0;
        });
    }

    @Test
    void a_sqlite_database_moved_to_postgresql_serves_every_journey_as_before_and_goes_on_from_there() throws Exception {
        assertThat(server.post("/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"message.status_changed\"]}")
                .status()).isEqualTo(201);
        Sent delivered = sendAccepted("HD-MV-DELIVERED", "S-del");
        assertThat(callback(delivered, "SMSID=S-del&" + DELIVERED)).isEqualTo(200);
        Sent active = sendAccepted("HD-MV-ACTIVE", "S-act");
        send("HD-MV-FAILED", body("0901888484", null), refused("789", "Template not config")); // and a configuration alert
        long rejected = send("HD-MV-RESENT", body("0901888484", null), refused("790", "Wrong template"));
        esms.enqueue(accepted("S-resend"));
        assertThat(server.post("/api/messages/" + rejected + "/resend", "").status()).isEqualTo(201);
        takeEsmsBody();
        long cancelled = send("HD-MV-CANCELLED", body("0901888484", null), new MockResponse.Builder().code(503).build());
        assertThat(server.call(new Request.Builder().url(server.url("/api/messages/" + cancelled)).delete()).status()).isEqualTo(200);
        send("HD-MV-QUEUED", body("0901888484", null), new MockResponse.Builder().code(503).build());
        send("HD-MV-SANDBOX", "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"A\"],\"sandbox\":true}",
                accepted("S-sandbox"));
        long held = send("HD-MV-HELD", body("0901888484", null), refused("103", "Balance not enough")); // pauses the account
        awaitWebhooksSettled();

        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String order : List.of("HD-MV-DELIVERED", "HD-MV-ACTIVE", "HD-MV-FAILED", "HD-MV-RESENT", "HD-MV-CANCELLED",
                "HD-MV-QUEUED", "HD-MV-SANDBOX", "HD-MV-HELD")) before.put(order, journey(order));
        assertThat(before.values().stream().map(j -> j.get("status").asText()).distinct())
                .containsExactlyInAnyOrder("DELIVERED", "ACTIVE", "FAILED", "CANCELLED", "VALIDATED");
        assertThat(message(held).get("heldReason").asText()).startsWith("eSMS 103");
        server.stop();

        Run run = migrate(sourceUrl(), emptyTarget());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("migrate-to: done", "set DATABASE_URL=").doesNotContain(password());
        server = new TestServer(dir, esms.url("/").toString().replaceAll("/$", ""),
                Map.of("DATABASE_URL", target, "WEBHOOK_ALLOW_PRIVATE", "true"));
        before.forEach((order, journey) -> assertThat(journey(order)).as(order).isEqualTo(journey));

        assertThat(callback(active, "SMSID=S-act&" + DELIVERED)).as("a callback URL eSMS was given before the move").isEqualTo(200);
        assertThat(journey("HD-MV-ACTIVE").get("status").asText()).isEqualTo("DELIVERED");
        TestServer.await("the endpoint registered before the move to hear of it", () -> receiver.got.stream()
                .map(g -> g.json().get("data")).anyMatch(d -> d.get("messageId").asLong() == active.id()
                        && d.get("status").asText().equals("DELIVERED")));
        TestServer.Reply fresh = server.send("HD-MV-NEW", body("0901888484", null));
        assertThat(fresh.status()).as("still paused, so held: " + fresh.body()).isEqualTo(202);
        assertThat(fresh.json().get("id").asLong()).isEqualTo(held + 1);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String table : IDENTITIES) {
                try (ResultSet rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) > "
                        + "(SELECT COALESCE(MAX(id), 0) FROM " + table + ")")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as(table + "'s next id is past its rows").isTrue();
                }
            }
        }
    }

    @Test
    void a_target_that_already_holds_a_row_is_refused_and_left_as_it_was() throws Exception {
        sendAccepted("HD-MV-ONE", "S-one");
        server.stop();
        emptyTarget();
        tracker.db.Database.open(target).close(); // our schema, as a service started on it would make it
        exec(target, "INSERT INTO setting (name, value) VALUES ('keep-me', 'as it is')");

        Run run = migrate(sourceUrl(), target);

        assertThat(run.exit()).as(run.output()).isEqualTo(MigrateTo.NOT_EMPTY);
        assertThat(run.output()).contains("migrate-to refused: the target already holds rows in setting;")
                .doesNotContain(password());
        assertThat(query(target, "SELECT COUNT(*) FROM journey")).isZero();
        assertThat(query(target, "SELECT COUNT(*) FROM setting")).isEqualTo(1);
    }

    @Test
    void a_row_postgresql_refuses_fails_the_move_and_leaves_the_target_without_a_row() throws Exception {
        sendAccepted("HD-MV-NUL", "S-nul");
        server.stop();
        server.exec("UPDATE event SET detail = 'a' || char(0) || 'b' WHERE id = (SELECT MAX(id) FROM event)"); // PostgreSQL text takes no NUL

        Run run = migrate(sourceUrl(), emptyTarget());

        assertThat(run.exit()).as(run.output()).isEqualTo(MigrateTo.FAILED);
        assertThat(run.output()).contains("migrate-to failed: nothing was kept on the target: copying event failed")
                .doesNotContain(password());
        assertThat(query(target, "SELECT COUNT(*) FROM journey")).as("journeys were copied before the event").isZero();
        assertThat(query(target, "SELECT COUNT(*) FROM setting")).isZero();
    }

    @Test
    void a_source_that_is_not_sqlite_or_a_target_that_is_not_postgresql_is_refused_in_one_line() throws Exception {
        server.stop();
        Run notPostgres = migrate(sourceUrl(), "jdbc:mysql://localhost/tracker?user=u&password=" + PASSWORD);
        assertThat(notPostgres.exit()).isEqualTo(MigrateTo.USAGE);
        assertThat(notPostgres.output().strip()).doesNotContain("\n", PASSWORD).contains("is not a PostgreSQL JDBC URL");

        String nowhere = "jdbc:postgresql://127.0.0.1:5432/nowhere?user=postgres&password=" + PASSWORD; // never connected to
        Run notSqlite = migrate(nowhere, nowhere);
        assertThat(notSqlite.exit()).isEqualTo(MigrateTo.USAGE);
        assertThat(notSqlite.output().strip()).doesNotContain("\n", PASSWORD).contains("is not a SQLite database");
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(String url, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
