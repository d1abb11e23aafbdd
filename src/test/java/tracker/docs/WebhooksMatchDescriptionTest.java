package tracker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;
import tracker.webhooks.Receiver;

/** Every kind of webhook a receiver gets matches the description's {@code webhooks} section. */
class WebhooksMatchDescriptionTest extends EsmsTestBase {
    private static final String TOKEN_INVALID = "SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27"
            + "&error_info=%257B%2522error%2522%3A-124%2C%2522message%2522%3A%2522Access%2520token%2520is%2520invalid%2522%257D";

    @Override protected Map<String, String> extraEnv() { return Map.of("WEBHOOK_ALLOW_PRIVATE", "true"); }

    @Test
    void every_kind_of_webhook_matches_its_description() throws Exception {
        try (Receiver receiver = new Receiver()) {
            TestServer.Reply created = server.post("/api/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"events\":[\"message.status_changed\",\"journey.completed\",\"account.alert\"]}");
            long id = created.json().get("id").asLong();
            Sent a = sendAccepted("HD-DOC-1", "SMS-DOC-1");
            Sent b = sendAccepted("HD-DOC-2", "SMS-DOC-2");
            callback(a, "SMSID=SMS-DOC-1&" + TOKEN_INVALID); // failed, an alert begins, the journey is FAILED
            callback(b, "SMSID=SMS-DOC-2&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27"); // it ends
            server.post("/api/webhooks/" + id + "/test", "");
            TestServer.await("every event delivered", () -> receiver.snapshot().stream().map(Receiver.Got::type)
                    .collect(java.util.stream.Collectors.toSet()).size() == 4 && receiver.snapshot().size() >= 9);

            Description description = new Description(server.get("/openapi.json").body());
            List<String> problems = new ArrayList<>();
            Set<String> types = new TreeSet<>();
            for (Receiver.Got g : receiver.snapshot()) {
                types.add(g.type() + (g.type().equals("account.alert") ? ":" + g.json().at("/data/state").asText() : ""));
                problems.addAll(description.webhookProblems(g.type(), g.body()));
            }
            assertThat(types).containsExactly("account.alert:began", "account.alert:ended", "journey.completed",
                    "message.status_changed", "webhook.test");
            assertThat(problems).isEmpty();
        }
    }
}
