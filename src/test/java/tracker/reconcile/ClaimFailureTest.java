package tracker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

/** A reconciler claim whose write fails must leave nothing held: the message is asked about on a later pass. */
class ClaimFailureTest extends EsmsTestBase {
    private final FakeEsms fake = new FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    @Test
    void a_claim_that_fails_to_commit_does_not_keep_the_message_busy_for_good() throws Exception {
        TestServer.Reply sent = server.send("HD70001", body("0901888484", null));
        assertThat(sent.status()).isEqualTo(201);
        long id = sent.json().get("id").asLong();
        String smsId = sent.json().get("smsId").asText();

        sql("CREATE TRIGGER refuse_claim BEFORE UPDATE OF checks ON message BEGIN SELECT RAISE(ABORT, 'refused'); END");
        server.clock.advance(Duration.ofMinutes(11));
        server.awaitReconcilePass(); // its claim failed
        assertThat(fake.calls("GetCallback")).as("a failed claim asks nobody").isEmpty();

        sql("DROP TRIGGER refuse_claim");
        fake.callbackData.put(smsId, FakeEsms.data(smsId, 5, 1, 0, "{\"error\":0,\"message\":\"Success\"}"));
        TestServer.await("the message to be asked about and repaired",
                () -> "DELIVERED".equals(message(id).get("status").asText()));
        assertThat(fake.calls("GetCallback")).isNotEmpty();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dbFile); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute(statement);
        }
    }
}
