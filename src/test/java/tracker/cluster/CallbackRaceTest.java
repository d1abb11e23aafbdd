package tracker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.PostgresOnly;
import tracker.TestServer;

/** Two instances on one database apply a message's callbacks at the same moment: the forward-only rule still holds. */
@PostgresOnly("two instances share one database only on PostgreSQL; on SQLite one writer applies every event in turn")
class CallbackRaceTest extends EsmsTestBase {
    private static final int ROUNDS = 500;
    private final FakeEsms fake = new FakeEsms();
    private TestServer other;
    @TempDir Path otherDir;

    @AfterEach
    void stopOther() { if (other != null) other.close(); }

    @Test
    void delivered_and_sent_racing_on_two_instances_always_end_delivered_with_both_events() throws Exception {
        esms.setDispatcher(fake);
        // no CALLBACK_SECRET: the one the first instance stored in the database is the second one's too
        other = new TestServer(otherDir, esms.url("/").toString().replaceAll("/$", ""),
                Map.of("DATABASE_URL", server.databaseUrl));
        List<Long> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            TestServer.Reply sent = server.send("RACE-" + i, body("0901234567", null));
            assertThat(sent.status()).isEqualTo(201);
            ids.add(sent.json().get("id").asLong());
            paths.add(TestServer.pathOf(fake.calls("send").get(i).body().get("CallbackUrl").asText()));
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < ROUNDS; i++) {
                String path = paths.get(i), smsId = "S" + (i + 1);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Integer> delivered = CompletableFuture.supplyAsync(() -> at(together,
                        () -> server.rawGet(path + "?SMSID=" + smsId + "&SendStatus=5&SendSuccess=1&SendFailed=0")), two);
                CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> at(together,
                        () -> other.rawGet(path + "?SMSID=" + smsId + "&SendStatus=7&SendSuccess=0&SendFailed=0")), two);
                assertThat(delivered.get()).as("round %d: SendStatus=5 through the first instance", i).isEqualTo(200);
                assertThat(sent.get()).as("round %d: SendStatus=7 through the second instance", i).isEqualTo(200);
            }
        } finally {
            two.shutdownNow();
        }
        for (int i = 0; i < ROUNDS; i++) {
            JsonNode m = other.get("/api/messages/" + ids.get(i)).json();
            assertThat(m.get("status").asText()).as("round %d", i).isEqualTo("DELIVERED");
            List<String> reported = new ArrayList<>();
            for (JsonNode e : m.get("events")) if (e.get("type").asText().equals("CALLBACK")) reported.add(e.get("status").asText());
            assertThat(reported).as("round %d: both callbacks in the timeline", i).containsExactlyInAnyOrder("DELIVERED", "SENT");
        }
    }

    private static int at(CyclicBarrier together, java.util.function.IntSupplier call) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.getAsInt();
    }
}
