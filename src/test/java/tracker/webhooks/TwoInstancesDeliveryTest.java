package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tracker.FakeEsms;
import tracker.PostgresOnly;
import tracker.TestServer;

/** Two instances on one database, both sending webhooks: each delivery is made once, and each journey's in order. */
@PostgresOnly("several instances share a database only on PostgreSQL (a SQLite file has one process)")
class TwoInstancesDeliveryTest extends WebhookTestBase {
    private static final String SECRET = "two-instances-callback-secret-0123456789";
    private static final int JOURNEYS = 40;
    private final FakeEsms fake = new FakeEsms();
    private TestServer second;

    @Override protected Map<String, String> extraEnv() { return Map.of("WEBHOOK_ALLOW_PRIVATE", "true", "CALLBACK_SECRET", SECRET); }

    /** Only stopped: the database is the first server's, dropped when it closes. */
    @AfterEach
    void stopSecondInstance() { if (second != null) second.stop(); }

    @Test
    void each_delivery_reaches_the_endpoint_once_and_each_journeys_in_order() {
        esms.setDispatcher(fake);
        long id = register(receiver.url(), "message.status_changed").get("id").asLong();
        // started after the endpoint exists, so its copy of the endpoints has it from the start
        second = new TestServer(dir, esms.url("/").toString().replaceAll("/$", ""),
                Map.of("DATABASE_URL", server.databaseUrl, "CALLBACK_SECRET", SECRET, "WEBHOOK_ALLOW_PRIVATE", "true"));

        for (int i = 0; i < JOURNEYS; i++) {
            TestServer at = i % 2 == 0 ? server : second;
            assertThat(at.send("HD-2I-" + i, body("0901888484", null)).status()).isEqualTo(201); // QUEUED -> ACCEPTED
        }
        List<FakeEsms.Seen> sends = fake.calls("send");
        for (int i = 0; i < sends.size(); i++) { // ACCEPTED -> DELIVERED, the callbacks spread over both instances
            String path = TestServer.pathOf(sends.get(i).body().get("CallbackUrl").asText());
            assertThat((i % 2 == 0 ? second : server).rawGet(path + "?SMSID=S" + (i + 1) + "&" + DELIVERED)).isEqualTo(200);
        }
        receiver.awaitRequests(2 * JOURNEYS);
        awaitSettled(id);
        second.awaitRetryPass(); // both instances' webhook loops have looked again (they tick with the retry loop)

        List<Receiver.Got> got = receiver.snapshot();
        assertThat(got.stream().collect(Collectors.groupingBy(Receiver.Got::id, Collectors.counting())).values())
                .as("each webhook-id once").hasSize(2 * JOURNEYS).containsOnly(1L);
        Map<String, List<String>> byJourney = new LinkedHashMap<>();
        for (Receiver.Got g : got) {
            byJourney.computeIfAbsent(g.json().get("data").get("orderId").asText(), k -> new ArrayList<>())
                    .add(g.json().get("data").get("status").asText());
        }
        assertThat(byJourney).hasSize(JOURNEYS);
        assertThat(byJourney.values()).as("in order per journey").containsOnly(List.of("ACCEPTED", "DELIVERED"));
    }
}
