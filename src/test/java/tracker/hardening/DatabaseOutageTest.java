package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.PostgresOnly;
import tracker.TestDatabases;
import tracker.TestServer;

/** PostgreSQL out of reach: every write answers 503 (never a 2xx for something not stored) and work resumes after. */
@PostgresOnly("SQLite's own faults (full disk, held lock, read-only file) are StorageFaultTest; this is a database server going away")
class DatabaseOutageTest extends EsmsTestBase {
    @Test
    void sends_and_callbacks_get_503_while_the_database_refuses_connections_and_succeed_once_it_is_back() throws Exception {
        Sent sent = sendAccepted("HD-OUT-1", "SMS-OUT-1");
        assertThat(sent.reply().status()).isEqualTo(201);

        try (AutoCloseable down = TestDatabases.outage(server.databaseUrl)) {
            assertThat(callback(sent, "SMSID=SMS-OUT-1&SendStatus=7")).isEqualTo(503);
            TestServer.Reply refused = server.send("HD-OUT-2", body("0901888484", null));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("error").asText()).doesNotContain("jdbc").doesNotContain("postgres");
            assertThat(server.get("/health/ready").status()).isEqualTo(503);
        }

        assertThat(callback(sent, "SMSID=SMS-OUT-1&SendStatus=7")).isEqualTo(200);
        assertThat(message(sent.id()).get("status").asText()).isEqualTo("SENT");
        assertThat(server.get("/api/journeys/HD-OUT-2").status()).as("the refused send stored nothing").isEqualTo(404);
        assertThat(server.get("/health/ready").status()).isEqualTo(200);
        esms.enqueue(accepted("SMS-OUT-3"));
        assertThat(server.send("HD-OUT-3", body("0901888484", null)).status()).isEqualTo(201);
        takeEsmsRequest();
    }
}
