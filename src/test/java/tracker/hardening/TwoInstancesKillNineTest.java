package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.PostgresOnly;
import tracker.TestDatabases;
import tracker.TestServer;

/**
 * Two instances (separate JVMs) on one PostgreSQL database take sends and callbacks at once; one is killed with
 * SIGKILL mid-stream and the other carries on: one eSMS call per requestId, every 2xx callback stored exactly once,
 * no message reconciled or retried by both, the dashboard on the survivor saw what came through the other, and a
 * sign-in on one instance is good on the other.
 */
@PostgresOnly("several instances share one database only on PostgreSQL; a SQLite file belongs to one process")
class TwoInstancesKillNineTest {
    private static final int ORDERS = 40;
    private static final Set<Integer> FLAKY = Set.of(3, 11, 19, 27, 35);   // eSMS fails the first send: one retry
    private static final Set<Integer> QUIET = Set.of(5, 13, 21, 29, 37);   // no callback: the reconciler asks
    private static final MediaType JSON = MediaType.get("application/json");

    @StartStop final MockWebServer esms = new MockWebServer();
    @TempDir Path dirA;
    @TempDir Path dirB;
    private final FakeEsms fake = new FakeEsms();
    private final Set<String> firstTries = ConcurrentHashMap.newKeySet();
    private ChildService a;
    private ChildService b;
    /** Callback query → how many times an instance answered it 2xx. */
    private final Map<String, AtomicInteger> acked = new ConcurrentHashMap<>();
    private final Set<String> seenLiveOnB = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean liveOpen = new AtomicBoolean();
    /** Without the children's API token: what a browser with only the session cookie can do. */
    private final OkHttpClient browser = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();

    @AfterEach
    void stopBoth() {
        if (a != null) a.stop();
        if (b != null) b.stop();
    }

    @Test
    void two_instances_share_the_work_and_the_survivor_of_a_kill_9_loses_nothing() throws Exception {
        fake.sendOverride = body -> {
            String requestId = body.get("RequestId").asText();
            boolean flaky = FLAKY.stream().anyMatch(i -> requestId.equals("rq-" + i));
            if (flaky && firstTries.add(requestId)) return new MockResponse.Builder().code(500).body("busy").build();
            return EsmsTestBase.accepted("SMS-" + requestId);
        };
        esms.setDispatcher(fake);
        String esmsUrl = esms.url("/").toString().replaceAll("/$", "");
        String db = TestDatabases.fresh(dirA);
        Map<String, String> env = Map.of("DATABASE_URL", db, "RECONCILE_AFTER", "PT2S");
        a = new ChildService(dirA, esmsUrl, env).start();
        b = new ChildService(dirB, esmsUrl, env).start();

        String cookie = signIn(a);
        try (Response res = browser.newCall(new Request.Builder().url(b.url("/api/journeys")).header("Cookie", cookie).build())
                .execute()) {
            assertThat(res.code()).as("signed in on A, asking B").isEqualTo(200);
        }
        Thread live = watchLive(b, cookie);
        TestServer.await("B's live stream to open", liveOpen::get);
        long onlyA = a.send("ONLY-A", EsmsTestBase.body("0901888484", "rq-only-a")).json().get("id").asLong();
        callback(a, onlyA, "SMSID=SMS-rq-only-a&SendStatus=7&SendSuccess=0&SendFailed=0");

        // each send goes to both instances at the same moment, with the same requestId
        Map<Integer, Long> ids = new HashMap<>();
        for (int i = 0; i < ORDERS; i++) {
            String order = "TWO-" + i, body = EsmsTestBase.body("0901888484", "rq-" + i);
            var viaA = CompletableFuture.supplyAsync(() -> a.send(order, body));
            var viaB = CompletableFuture.supplyAsync(() -> b.send(order, body));
            TestServer.Reply ra = viaA.get(), rb = viaB.get();
            assertThat(List.of(ra.status(), rb.status())).as(order).allMatch(s -> s / 100 == 2);
            assertThat(ra.json().get("id").asLong()).as(order + ": one message").isEqualTo(rb.json().get("id").asLong());
            ids.put(i, ra.json().get("id").asLong());
            if (QUIET.contains(i)) fake.callbackData.put("SMS-rq-" + i, FakeEsms.data("SMS-rq-" + i, 5, 1, 0, "{\"error\":0}"));
        }
        // callbacks while both run: SENT through A, DELIVERED through B, and that DELIVERED again through A
        for (int i = 0; i < ORDERS; i++) {
            if (QUIET.contains(i) || FLAKY.contains(i)) continue;
            callback(a, ids.get(i), "SMSID=SMS-rq-" + i + "&SendStatus=7&SendSuccess=0&SendFailed=0");
            callback(b, ids.get(i), "SMSID=SMS-rq-" + i + "&SendStatus=5&SendSuccess=1&SendFailed=0");
            callback(a, ids.get(i), "SMSID=SMS-rq-" + i + "&SendStatus=5&SendSuccess=1&SendFailed=0");
        }
        TestServer.await("the dashboard on B to hear of a journey sent and called back only through A", Duration.ofSeconds(20),
                () -> seenLiveOnB.contains("ONLY-A"));
        TestServer.await("the quiet messages to be reconciled", Duration.ofSeconds(60), () -> QUIET.stream()
                .allMatch(i -> "DELIVERED".equals(b.get("/api/messages/" + ids.get(i)).json().get("status").asText())));

        // a stream of distinct callbacks at both; A dies in the middle of it
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger seq = new AtomicInteger();
        List<Thread> streams = new ArrayList<>();
        for (ChildService target : List.of(a, b)) {
            streams.add(start(() -> {
                while (streaming.get()) {
                    int n = seq.incrementAndGet(), i = n % ORDERS;
                    if (QUIET.contains(i) || FLAKY.contains(i)) continue;
                    callbackQuietly(target, ids.get(i), "SMSID=SMS-rq-" + i + "&SendStatus=5&SendSuccess=1&SendFailed=0&seq=" + n);
                }
            }));
        }
        TestServer.await("callbacks acknowledged by both", () -> acked.keySet().stream().filter(q -> q.contains("seq=")).count() > 200);
        a.kill9();
        int ackedAtKill = acked.size();
        TestServer.await("the survivor to keep acknowledging", () -> acked.size() > ackedAtKill + 200);
        streaming.set(false);
        for (Thread t : streams) t.join(30_000);
        // the failed first sends are retried (30 s after their attempt), once, by whichever instance still runs
        TestServer.await("every flaky message retried and accepted", Duration.ofSeconds(90), () -> FLAKY.stream()
                .allMatch(i -> "ACCEPTED".equals(b.get("/api/messages/" + ids.get(i)).json().get("status").asText())));
        b.stop();
        live.interrupt();

        Map<String, Long> sendsPerRequest = new HashMap<>();
        for (FakeEsms.Seen s : fake.calls("send")) sendsPerRequest.merge(s.body().get("RequestId").asText(), 1L, Long::sum);
        assertThat(sendsPerRequest.get("rq-only-a")).isEqualTo(1L);
        for (int i = 0; i < ORDERS; i++) {
            assertThat(sendsPerRequest.get("rq-" + i)).as("eSMS calls for rq-" + i).isEqualTo(FLAKY.contains(i) ? 2L : 1L);
        }
        Map<String, Long> asked = new HashMap<>();
        for (FakeEsms.Seen s : fake.calls("GetCallback")) for (JsonNode id : s.body().path("ListRefid")) asked.merge(id.asText(), 1L, Long::sum);
        for (FakeEsms.Seen s : fake.calls("GetSendStatus")) asked.merge(s.query().replaceAll(".*RefId=([^&]*).*", "$1"), 1L, Long::sum);
        for (int i : QUIET) assertThat(asked.get("SMS-rq-" + i)).as("questions to eSMS about SMS-rq-" + i).isEqualTo(1L);

        Map<String, Integer> stored = new HashMap<>();
        for (List<String> row : ChildTestBase.query(db, "SELECT " + TestDatabases.jsonText("detail", "query")
                + ", repeats FROM event WHERE type = 'CALLBACK'")) {
            assertThat(stored.put(row.get(0), Integer.parseInt(row.get(1)))).as("stored once: " + row.get(0)).isNull();
        }
        acked.forEach((query, n) -> {
            assertThat(stored).as("a callback answered 2xx").containsKey(query);
            assertThat(stored.get(query)).as("repeats of " + query).isGreaterThanOrEqualTo(n.get());
        });
        for (int i = 0; i < ORDERS; i++) {
            String status = ChildTestBase.one(db, "SELECT status FROM message WHERE id = " + ids.get(i));
            assertThat(status).as("TWO-" + i).isEqualTo(FLAKY.contains(i) ? "ACCEPTED" : "DELIVERED");
        }
    }

    private void callback(ChildService to, long id, String query) {
        TestServer.Reply r = to.get(ChildTestBase.callbackPath(id) + "?" + query);
        assertThat(r.status()).as(query).isEqualTo(200);
        acked.computeIfAbsent(query, q -> new AtomicInteger()).incrementAndGet();
    }

    /** A callback that may meet a dead instance: only a 200 counts as acknowledged. */
    private void callbackQuietly(ChildService to, long id, String query) {
        try {
            if (to.get(ChildTestBase.callbackPath(id) + "?" + query).status() == 200) {
                acked.computeIfAbsent(query, q -> new AtomicInteger()).incrementAndGet();
            }
        } catch (IllegalStateException deadInstance) {
            ChildService.pause(20); // not acknowledged: eSMS would try again later
        }
    }

    private String signIn(ChildService on) {
        Request req = new Request.Builder().url(on.url("/dashboard/login"))
                .post(RequestBody.create("{\"token\":\"" + ChildService.API_TOKEN + "\"}", JSON)).build();
        try (Response res = browser.newCall(req).execute()) {
            assertThat(res.code()).isEqualTo(204);
            String setCookie = res.header("Set-Cookie");
            return setCookie.substring(0, setCookie.indexOf(';'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads B's live stream (as the dashboard does) and notes each journey it announces. */
    private Thread watchLive(ChildService on, String cookie) {
        Request req = new Request.Builder().url(on.url("/api/live")).header("Cookie", cookie)
                .header("Accept", "text/event-stream").build();
        return start(() -> {
            try (Response res = browser.newCall(req).execute()) {
                for (String line; (line = res.body().source().readUtf8Line()) != null; ) {
                    liveOpen.set(true);
                    if (line.startsWith("data:") && line.contains("orderId")) {
                        seenLiveOnB.add(TestServer.JSON.readTree(line.substring(5)).get("orderId").asText());
                    }
                }
            } catch (IOException stopped) { /* the instance stopped: the stream ends */ }
        });
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r, "two-instances");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
