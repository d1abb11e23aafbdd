package tracker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestServer;

class ReconcilerTest extends EsmsTestBase {
    private final FakeEsms fake = new FakeEsms();

    @BeforeEach
    void playEsms() { esms.setDispatcher(fake); }

    private long send(String orderId) {
        TestServer.Reply r = server.send(orderId, body("0901888484", null));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private String smsId(long id) { return message(id).get("smsId").asText(); }

    private void awaitStatus(long id, String status) {
        TestServer.await("message " + id + " to become " + status, () -> status.equals(message(id).get("status").asText()));
    }

    @Test
    void a_callback_that_never_arrives_is_repaired_by_asking_get_callback() {
        long id = send("HD10001");
        fake.callbackData.put(smsId(id), FakeEsms.data(smsId(id), 5, 1, 0, "{\"error\":0,\"message\":\"Success\"}"));

        server.clock.advance(Duration.ofMinutes(11));
        awaitStatus(id, "DELIVERED");

        JsonNode m = message(id);
        JsonNode poll = m.get("events").get(m.get("events").size() - 1);
        assertThat(poll.get("type").asText()).isEqualTo("POLL");
        assertThat(poll.get("source").asText()).isEqualTo("poll");
        assertThat(poll.get("detail").get("call").asText()).isEqualTo("GetCallback");
        assertThat(m.get("price").asText()).isEqualTo("220.0");
        FakeEsms.Seen ask = fake.calls("GetCallback").get(0);
        assertThat(ask.body().get("ListRefid").get(0).asText()).isEqualTo(smsId(id));
        assertThat(ask.body().get("OAId").asText()).isEqualTo("4097311281936189049");
        assertThat(ask.body().get("ApiKey").asText()).isEqualTo("test-api-key");
    }

    @Test
    void a_message_without_callback_data_is_asked_with_get_send_status_and_a_zalo_failure_is_recorded() {
        long id = send("HD10002");
        fake.sendStatus.put(smsId(id), FakeEsms.status(smsId(id), 5, 0, 1));

        server.clock.advance(Duration.ofMinutes(11));
        awaitStatus(id, "FAILED");

        assertThat(fake.calls("GetSendStatus")).anySatisfy(s -> assertThat(s.query()).contains("RefId=" + smsId(id)));
        JsonNode last = message(id).get("events").get(message(id).get("events").size() - 1);
        assertThat(last.get("detail").get("call").asText()).isEqualTo("GetSendStatus");
    }

    @Test
    void a_message_with_recent_news_is_not_asked_before_reconcile_after() {
        long id = send("HD10003");
        server.clock.advance(Duration.ofMinutes(9));
        server.awaitReconcilePass(); // nothing is due yet, so eSMS hears no question
        assertThat(fake.calls("GetCallback")).isEmpty();
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void the_same_answer_twice_counts_a_repeat_instead_of_a_new_event() {
        long id = send("HD10004");
        fake.callbackData.put(smsId(id), FakeEsms.data(smsId(id), 7, 0, 0, ""));
        server.clock.advance(Duration.ofMinutes(11));
        awaitStatus(id, "SENT");
        server.clock.advance(Duration.ofMinutes(25)); // the second question comes after twice RECONCILE_AFTER
        TestServer.await("a second question", () -> fake.calls("GetCallback").size() >= 2);
        TestServer.await("the repeat to be counted", () -> lastEvent(id).get("repeats").asInt() == 2);
        assertThat(message(id).get("events")).filteredOn(e -> e.get("type").asText().equals("POLL")).hasSize(1);
    }

    @Test
    void batches_hold_at_most_200_smsids_and_esms_never_sees_more_than_20_requests_in_a_second() {
        List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.stream.IntStream.range(0, 230).parallel().forEach(i -> ids.add(send("HD2" + String.format("%04d", i))));
        for (int i = 0; i < 230; i++) {
            String sms = "S" + (i + 1);
            // 200 answered by GetCallback, 30 only by GetSendStatus: enough requests to test the rate
            if (i < 200) fake.callbackData.put(sms, FakeEsms.data(sms, 5, 1, 0, ""));
            else fake.sendStatus.put(sms, FakeEsms.status(sms, 5, 1, 0));
        }
        int sendsSeen = fake.seen.size();

        server.clock.advance(Duration.ofMinutes(11));
        TestServer.await("all 230 delivered", () ->
                server.get("/api/messages?stuckFor=PT0S&limit=1").json().get("messages").isEmpty());
        assertThat(ids).allSatisfy(id -> assertThat(message(id).get("status").asText()).isEqualTo("DELIVERED"));

        List<FakeEsms.Seen> asks = fake.seen.subList(sendsSeen, fake.seen.size());
        Set<String> asked = new HashSet<>();
        for (FakeEsms.Seen s : fake.calls("GetCallback")) {
            assertThat(s.body().get("ListRefid").size()).isBetween(1, 200);
            s.body().get("ListRefid").forEach(n -> asked.add(n.asText()));
        }
        assertThat(asked).hasSize(230);
        assertThat(fake.calls("GetSendStatus")).hasSizeGreaterThanOrEqualTo(30);
        for (int i = 0; i < asks.size(); i++) {
            long windowEnd = asks.get(i).nanos() + TimeUnit.SECONDS.toNanos(1);
            long start = asks.get(i).nanos();
            long inWindow = asks.stream().filter(s -> s.nanos() >= start && s.nanos() < windowEnd).count();
            assertThat(inWindow).as("requests in the second after request %d", i).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void when_esms_fails_the_reconciler_backs_off_by_the_clock() {
        long id = send("HD10005");
        server.clock.advance(Duration.ofSeconds(20));
        send("HD10011"); // due 20 s after the first: a question only the back-off holds back
        fake.lookupOverride = call -> new MockResponse.Builder().code(503).body("busy").build();
        server.clock.advance(Duration.ofMinutes(9).plusSeconds(41)); // the first is due, the second not yet
        TestServer.await("a first question", () -> fake.calls("GetCallback").size() == 1);
        server.clock.advance(Duration.ofSeconds(25)); // the second is due, 5 s before the 30 s back-off ends
        server.awaitReconcilePass();
        assertThat(fake.calls("GetCallback")).as("questions while backing off").hasSize(1);

        fake.lookupOverride = null;
        fake.callbackData.put(smsId(id), FakeEsms.data(smsId(id), 5, 1, 0, ""));
        server.clock.advance(Duration.ofMinutes(20)); // past the 30 s back-off and the message's next spacing
        awaitStatus(id, "DELIVERED");
    }

    @Test
    void refresh_asks_now_and_answers_with_the_message() {
        long id = send("HD10006");
        fake.callbackData.put(smsId(id), FakeEsms.data(smsId(id), 5, 1, 0, ""));

        TestServer.Reply r = server.post("/api/messages/" + id + "/refresh", "");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(r.json().get("events")).anySatisfy(e -> assertThat(e.get("source").asText()).isEqualTo("poll"));
        assertThat(server.post("/api/messages/99999/refresh", "").status()).isEqualTo(404);
    }

    @Test
    void refresh_answers_503_when_esms_cannot_be_asked() {
        long id = send("HD10007");
        fake.lookupOverride = call -> new MockResponse.Builder().code(500).build();
        TestServer.Reply r = server.post("/api/messages/" + id + "/refresh", "");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).contains("eSMS could not be asked");
        assertThat(message(id).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void a_refresh_never_runs_beside_a_pass_over_the_same_message() throws Exception {
        long id = send("HD10008");
        CountDownLatch release = new CountDownLatch(1);
        fake.lookupOverride = call -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return EsmsTestBase.json("{\"Code\":100,\"Message\":\"Success\",\"Data_callback\":[]}");
        };
        server.clock.advance(Duration.ofMinutes(11));
        TestServer.await("the loop's question to be in flight", () -> fake.calls("GetCallback").size() == 1);

        TestServer.Reply r = server.post("/api/messages/" + id + "/refresh", "");

        release.countDown();
        assertThat(r.status()).isEqualTo(409);
        assertThat(fake.calls("GetCallback")).hasSize(1);
    }

    @Test
    void stuck_for_lists_messages_not_final_for_longer_than_the_duration() {
        long stuck = send("HD10009");
        long delivered = send("HD10010");
        fake.callbackData.put(smsId(delivered), FakeEsms.data(smsId(delivered), 5, 1, 0, ""));
        server.post("/api/messages/" + delivered + "/refresh", "");
        server.clock.advance(Duration.ofMinutes(31));

        JsonNode page = server.get("/api/messages?stuckFor=PT30M").json();
        assertThat(page.get("messages")).extracting(m -> m.get("id").asLong()).containsExactly(stuck);
        assertThat(server.get("/api/messages?stuckFor=PT1H").json().get("messages")).isEmpty();

        TestServer.Reply bad = server.get("/api/messages?stuckFor=30minutes");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("stuckFor");
        assertThat(server.get("/api/messages").status()).isEqualTo(400);
    }

}
