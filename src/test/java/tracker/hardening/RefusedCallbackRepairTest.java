package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestDatabases;
import tracker.TestServer;

/** eSMS does not retry a callback we refused with 503: the message stays non-final and the reconciler repairs it. */
class RefusedCallbackRepairTest extends EsmsTestBase {

    @Test
    void a_callback_refused_during_a_storage_fault_is_repaired_by_the_reconciler() throws Exception {
        FakeEsms fake = new FakeEsms();
        esms.setDispatcher(fake);
        TestServer.Reply sent = server.send("HD-REPAIR", body("0901888484", null));
        long id = sent.json().get("id").asLong();
        String smsId = sent.json().get("smsId").asText();
        String path = TestServer.pathOf(fake.calls("send").get(0).body().get("CallbackUrl").asText());

        try (AutoCloseable down = TestDatabases.outage(server.databaseUrl)) { // the storage fails the callback's write
            assertThat(server.rawGet(path + "?SMSID=" + smsId + "&SendStatus=5&SendSuccess=1&SendFailed=0")).isEqualTo(503);
        }
        assertThat(message(id).get("status").asText()).as("nothing was stored").isEqualTo("ACCEPTED");

        fake.callbackData.put(smsId, FakeEsms.data(smsId, 5, 1, 0, "{\"error\":0,\"message\":\"Success\"}"));
        server.clock.advance(Duration.ofMinutes(11));
        TestServer.await("the reconciler to repair the message", () -> "DELIVERED".equals(message(id).get("status").asText()));
        JsonNode events = message(id).get("events");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("POLL");
    }
}
