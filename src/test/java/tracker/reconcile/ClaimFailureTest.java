package tracker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestDatabases;
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

        if (TestDatabases.POSTGRES) {
            server.exec("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER refuse_claim BEFORE UPDATE OF checks ON message FOR EACH ROW EXECUTE FUNCTION refuse()");
        } else {
            server.exec("CREATE TRIGGER refuse_claim BEFORE UPDATE OF checks ON message BEGIN SELECT RAISE(ABORT, 'refused'); END");
        }
        server.clock.advance(Duration.ofMinutes(11));
        server.awaitReconcilePass(); // its claim failed
        assertThat(fake.calls("GetCallback")).as("a failed claim asks nobody").isEmpty();

        server.exec(TestDatabases.POSTGRES ? "DROP TRIGGER refuse_claim ON message" : "DROP TRIGGER refuse_claim");
        fake.callbackData.put(smsId, FakeEsms.data(smsId, 5, 1, 0, "{\"error\":0,\"message\":\"Success\"}"));
        TestServer.await("the message to be asked about and repaired",
                () -> "DELIVERED".equals(message(id).get("status").asText()));
        assertThat(fake.calls("GetCallback")).isNotEmpty();
    }
}
