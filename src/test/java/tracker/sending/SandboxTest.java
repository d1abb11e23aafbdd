package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.EsmsTestBase;
import tracker.SqliteOnly;
import tracker.TestServer;

/** A sandbox send is only checked by eSMS: it ends VALIDATED at once and does not count toward its journey. */
class SandboxTest extends EsmsTestBase {
    private static final String SANDBOX = "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"A\"],\"sandbox\":true}";

    @Test
    void a_sandbox_send_answered_100_is_validated_and_a_journey_of_only_sandbox_sends_is_validated() {
        esms.enqueue(accepted("S-sandbox"));
        TestServer.Reply r = server.send("HD90001", SANDBOX);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("VALIDATED");
        assertThat(takeEsmsBody().get("Sandbox").asText()).isEqualTo("1");
        assertThat(journey("HD90001").get("status").asText()).isEqualTo("VALIDATED");
    }

    @Test
    void a_sandbox_message_does_not_count_toward_a_journey_with_real_messages() {
        esms.enqueue(accepted("S-sandbox"));
        server.send("HD90002", SANDBOX);
        takeEsmsBody();
        Sent real = sendAccepted("HD90002", "S-real");
        assertThat(journey("HD90002").get("status").asText()).isEqualTo("ACTIVE");

        assertThat(callback(real, "SMSID=S-real&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(200);
        assertThat(journey("HD90002").get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    @SqliteOnly("repairs data stored before migration 4; a PostgreSQL database starts after it (or is copied from a repaired SQLite one)")
    void sandbox_messages_stored_before_validated_existed_are_migrated(@TempDir Path old) throws SQLException {
        String url = "jdbc:sqlite:" + old.resolve("old.sqlite");
        Flyway.configure().dataSource(url, null, null).locations("filesystem:db/migration/common", "filesystem:db/migration/sqlite").target("3").load().migrate();
        long at = server.clock.millis(); // recent: retention would purge an old journey first
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO journey (order_id, status, message_count, created_at, last_activity_at) "
                    + "VALUES ('HD-OLD', 'FAILED', 1, " + at + ", " + at + ")");
            s.execute("""
                    INSERT INTO message (order_id, phone, phone_norm, template_id, oa_id, params, request_id, request_hash,
                                         sandbox, simulated, sms_id, status, failure_reason, attempts, created_at, updated_at)
                    VALUES ('HD-OLD', '0901888484', '84901888484', '540679', 'oa', '[]', 'r-old', 'h', 1, 0, 'S-old',
                            'EXPIRED', 'sandbox send: closed 7 days after acceptance', 1, %d, %d)""".formatted(at, at));
        }
        server.stop();
        server.env.put("DATABASE_URL", url);
        server.start();

        assertThat(journey("HD-OLD").get("status").asText()).isEqualTo("VALIDATED");
        assertThat(journey("HD-OLD").get("messages").get(0).get("status").asText()).isEqualTo("VALIDATED");
        assertThat(journey("HD-OLD").get("messages").get(0).get("failureReason").isNull()).isTrue();
    }
}
