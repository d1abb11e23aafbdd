package tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances on one PostgreSQL database: every background job's work is done once, by one of them. */
@PostgresOnly("several instances share a database only on PostgreSQL (a SQLite file has one process)")
class TwoInstancesJobsTest extends EsmsTestBase {
    private static final String SECRET = "two-instances-callback-secret-0123456789";
    private final FakeEsms fake = new FakeEsms();
    private TestServer second;

    @Override protected Map<String, String> extraEnv() { return Map.of("CALLBACK_SECRET", SECRET); }

    @BeforeEach
    void startSecondInstance() {
        esms.setDispatcher(fake);
        second = new TestServer(dir, esms.url("/").toString().replaceAll("/$", ""),
                Map.of("DATABASE_URL", server.databaseUrl, "CALLBACK_SECRET", SECRET));
    }

    /** Only stopped: the database is the first server's, dropped when it closes. */
    @AfterEach
    void stopSecondInstance() { second.stop(); }

    private void advanceBoth(Duration d) {
        server.clock.advance(d);
        second.clock.advance(d);
    }

    /** Sends {@code n} messages through the first instance, a few at a time. */
    private void sendMany(String prefix, int n, int expectedStatus) {
        List<Integer> statuses = IntStream.range(0, n).parallel()
                .mapToObj(i -> server.send(prefix + i, body("0901888484", null)).status()).toList();
        assertThat(statuses).containsOnly(expectedStatus);
    }

    @Test
    void each_due_message_is_retried_by_exactly_one_instance() {
        fake.sendOverride = b -> new MockResponse.Builder().code(503).build();
        sendMany("HD-R", 100, 202);
        fake.sendOverride = null;

        advanceBoth(Duration.ofMinutes(1)); // every first retry is due on both instances at once
        TestServer.await("every message to be accepted", Duration.ofSeconds(60), () -> count("status = 'ACCEPTED'") == 100);
        server.awaitRetryPass();
        second.awaitRetryPass(); // a pass that claimed a message twice would have sent it by now

        Map<String, Long> sendsPerMessage = fake.calls("send").stream()
                .collect(Collectors.groupingBy(s -> s.body().get("RequestId").asText(), Collectors.counting()));
        assertThat(sendsPerMessage).hasSize(100);
        assertThat(sendsPerMessage.values()).as("the first try and one retry each").containsOnly(2L);
    }

    @Test
    void each_due_message_is_asked_about_by_exactly_one_instance() {
        sendMany("HD-Q", 120, 201);
        for (int i = 1; i <= 120; i++) { // eSMS accepted them as S1 ... S120, and delivered each
            fake.callbackData.put("S" + i, FakeEsms.data("S" + i, 5, 1, 0, "{\"error\":0,\"message\":\"Success\"}"));
        }

        advanceBoth(Duration.ofMinutes(11)); // past RECONCILE_AFTER: every message is due on both instances at once
        TestServer.await("every message to be delivered", Duration.ofSeconds(60), () -> count("status = 'DELIVERED'") == 120);
        server.awaitReconcilePass();
        second.awaitReconcilePass();

        Map<String, Long> asksPerMessage = fake.calls("GetCallback").stream()
                .flatMap(s -> StreamSupport.stream(s.body().get("ListRefid").spliterator(), false))
                .collect(Collectors.groupingBy(JsonNode::asText, Collectors.counting()));
        assertThat(asksPerMessage).hasSize(120);
        assertThat(asksPerMessage.values()).as("asked once each").containsOnly(1L);
        assertThat(count("checks <> 1")).isZero();
    }

    @Test
    void each_message_past_its_7_days_is_expired_by_exactly_one_instance() {
        sendMany("HD-X", 120, 201);
        fake.lookupOverride = call -> new MockResponse.Builder().code(500).build(); // eSMS cannot be asked: expiry alone

        advanceBoth(Duration.ofDays(7).plusHours(1));
        TestServer.await("every message to expire", Duration.ofSeconds(60), () -> count("status = 'EXPIRED'") == 120);
        server.awaitReconcilePass();
        second.awaitReconcilePass();

        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT message_id) FROM event WHERE type = 'EXPIRED'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("one EXPIRED event each").isEqualTo(120);
            assertThat(rs.getLong(2)).isEqualTo(120);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_daily_purge_runs_once_a_day_across_both_instances() {
        String runs = "tracker_retention_runs_total";
        server.awaitReconcilePass();
        second.awaitReconcilePass(); // each has looked whether the first purge is due
        assertThat(server.counter(runs) + second.counter(runs)).as("the first purge, at the first start").isEqualTo(1);

        advanceBoth(Duration.ofDays(1).plusMinutes(1));
        server.awaitReconcilePass();
        second.awaitReconcilePass();
        assertThat(server.counter(runs) + second.counter(runs)).as("one more a day later").isEqualTo(2);

        advanceBoth(Duration.ofHours(23)); // not due yet
        server.awaitReconcilePass();
        second.awaitReconcilePass();
        assertThat(server.counter(runs) + second.counter(runs)).isEqualTo(2);
    }

    private long count(String where) {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM message WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
