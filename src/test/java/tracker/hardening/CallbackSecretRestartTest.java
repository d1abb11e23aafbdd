package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Without CALLBACK_SECRET the service makes one and keeps it in the database, so old URLs outlive a restart. */
class CallbackSecretRestartTest extends EsmsTestBase {

    @Test
    void urls_handed_out_before_a_restart_keep_working_with_the_generated_secret() {
        Sent sent = sendAccepted("HD-R1", "SMS-R1");
        server.stop();
        server.start();
        assertThat(callback(sent, "SMSID=SMS-R1&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(200);
        assertThat(message(sent.id()).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void the_generated_secret_never_appears_in_an_api_answer() {
        Sent sent = sendAccepted("HD-R2", "SMS-R2");
        String secret = ChildTestBase.one(server.databaseUrl, "SELECT value FROM setting WHERE name = 'callback_secret'");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(sent.reply().body()).doesNotContain(secret);
        assertThat(server.get("/api/journeys/HD-R2").body()).doesNotContain(secret);
        assertThat(server.get("/api/journeys").body()).doesNotContain(secret);
    }
}
