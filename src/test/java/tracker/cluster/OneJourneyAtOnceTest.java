package tracker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

/**
 * Many sends into one journey at the same moment: every one commits (on PostgreSQL each write locks the journey
 * before its message, so writes that update a message twice never deadlock on the journey's recount).
 */
class OneJourneyAtOnceTest extends EsmsTestBase {
    private static final int SENDS = 60;

    @Test
    void sixty_sends_into_one_journey_at_once_all_commit_and_the_journey_counts_them_all() throws Exception {
        esms.setDispatcher(new FakeEsms());
        ExecutorService clients = Executors.newFixedThreadPool(30);
        try {
            List<CompletableFuture<TestServer.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                String phone = String.format("09012%05d", i);
                replies.add(CompletableFuture.supplyAsync(() -> server.send("ONE-JOURNEY", body(phone, null)), clients));
            }
            for (CompletableFuture<TestServer.Reply> r : replies) assertThat(r.get().status()).as(r.get().body()).isEqualTo(201);
        } finally {
            clients.shutdownNow();
        }
        TestServer.Reply journey = server.get("/api/journeys/ONE-JOURNEY");
        assertThat(journey.json().get("messages")).hasSize(SENDS);
        assertThat(journey.json().get("counts").get("ACCEPTED").asInt()).isEqualTo(SENDS);
    }
}
