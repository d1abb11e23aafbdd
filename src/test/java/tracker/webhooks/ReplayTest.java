package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/** Replay sends again exactly what the endpoint was sent since a time, with the same webhook-ids; a test event on demand. */
class ReplayTest extends WebhookTestBase {
    @Test
    void replay_resends_exactly_the_events_since_the_given_time() {
        long id = register(receiver.url(), "message.status_changed").get("id").asLong();
        sendAccepted("HD-WH-P1", "SMS-P1");
        awaitSettled(id);
        server.clock.advance(Duration.ofMinutes(1)); // short of RECONCILE_AFTER: no question to eSMS comes between
        String since = server.clock.instant().toString();
        Sent b = sendAccepted("HD-WH-P2", "SMS-P2");
        callback(b, "SMSID=SMS-P2&" + DELIVERED);
        awaitSettled(id);
        List<String> sentSince = receiver.snapshot().subList(1, 3).stream().map(Receiver.Got::id).toList();

        TestServer.Reply r = server.post("/api/webhooks/" + id + "/replay?since=" + since, "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("replayed").asInt()).isEqualTo(2);
        awaitSettled(id);
        assertThat(receiver.snapshot()).hasSize(5);
        assertThat(receiver.snapshot().subList(3, 5)).extracting(Receiver.Got::id).containsExactlyElementsOf(sentSince);
    }

    @Test
    void a_test_event_reaches_the_endpoint_signed() {
        var created = register(receiver.url(), "account.alert");
        long id = created.get("id").asLong();
        TestServer.Reply r = server.post("/api/webhooks/" + id + "/test", "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        receiver.awaitRequests(1);
        Receiver.Got got = receiver.snapshot().get(0);
        assertThat(got.type()).isEqualTo("webhook.test");
        assertThat(got.id()).isEqualTo(r.json().get("webhookId").asText());
        assertThat(Receiver.verifies(created.get("secret").asText(), got)).isTrue();
    }
}
