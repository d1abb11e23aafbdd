package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestDatabases;
import tracker.TestServer;
import tracker.ledger.CallbackLimits;

/**
 * SIGKILL at seeded random moments while callbacks and sends stream in: after each restart, everything that was
 * answered 2xx is in the database, every send reads back with the status and SMSID its answer gave (or a status
 * the rules allow it to have moved on to), and the file is intact.
 */
class KillNineTest extends ChildTestBase {
    private static final int KILLS = 20;
    /** The kill moments come from this seed; a failure names it, and -Dkillnine.seed=... replays its timing. */
    private static final long SEED = Long.getLong("killnine.seed", 20261128L);
    private static final List<String> FORWARD = List.of("QUEUED", "ACCEPTED", "PENDING_APPROVAL", "WAITING", "SENT");
    private static final Set<String> FINAL = Set.of("DELIVERED", "FAILED", "REJECTED", "EXPIRED", "CANCELLED");

    /** What a 2xx send answer said about its message. */
    private record Answer(long id, String orderId, int code, String status, String smsId) {}

    private final Set<String> ackedCallbacks = ConcurrentHashMap.newKeySet();
    private final Set<String> ackedSends = ConcurrentHashMap.newKeySet();
    private final Map<Long, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicBoolean streaming = new AtomicBoolean(true);

    @Test
    void every_2xx_answer_survives_twenty_kill_9s_under_load_and_the_database_stays_intact() throws Exception {
        System.out.println("KillNineTest seed " + SEED + " (replay with -Dkillnine.seed=" + SEED + ")");
        startChild(Map.of());
        TestServer.Reply warm = child.send("HD-KILL-0", EsmsTestBase.body("0901888484", null));
        assertThat(warm.status()).as(warm.body()).isEqualTo(201);
        remember(warm, "HD-KILL-0");
        Random random = new Random(SEED);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 2; t++) clients.add(start("callbacks-" + t, callbacks(t)));
        clients.add(start("sends", this::sends));

        for (int k = 0; k < KILLS; k++) {
            if (k % 2 == 0) { // while serving: once the stream is acknowledged again, at a random moment in it
                awaitMoreAcks();
                ChildService.pause(random.nextInt(400));
                child.kill9();
                child.launch();
            } else { // during start-up: WAL recovery, migration check and the first requests interrupted
                ChildService.pause(random.nextInt(2000));
                child.kill9();
                child.start();
            }
        }
        awaitMoreAcks();
        streaming.set(false);
        for (Thread t : clients) t.join(30_000);
        child.kill9(); // the last acknowledged sends must survive a kill too before they are read back
        child.start();
        String why = "seed " + SEED + ", " + ackedCallbacks.size() + " callbacks and " + ackedSends.size() + " sends acknowledged";
        assertThat(answersThatReadBackWrong()).as(why).isEmpty();
        child.stop();

        assertThat(ackedCallbacks).as(why).hasSizeGreaterThan(100);
        assertThat(ackedSends).as(why).hasSizeGreaterThanOrEqualTo(KILLS / 2);
        if (!TestDatabases.POSTGRES) assertThat(one(child.databaseUrl, "PRAGMA integrity_check")).as(why).isEqualTo("ok");
        assertThat(column("SELECT " + TestDatabases.jsonText("detail", "query") + " FROM event WHERE type = 'CALLBACK'"))
                .as(why).containsAll(ackedCallbacks);
        assertThat(column("SELECT request_id FROM message")).as(why).containsAll(ackedSends);
    }

    /** Waits until both a callback and a send have been answered 2xx since now (the child is warm). */
    private void awaitMoreAcks() {
        if (!child.alive()) throw new AssertionError("child died:\n" + child.output());
        int callbacks = ackedCallbacks.size(), sends = ackedSends.size();
        try {
            TestServer.await("a callback and a send acknowledged", java.time.Duration.ofSeconds(60),
                    () -> ackedCallbacks.size() > callbacks && ackedSends.size() > sends);
        } catch (AssertionError none) {
            throw new AssertionError(none.getMessage() + "; the child said:\n" + child.output());
        }
    }

    /**
     * Each callback carries a unique extra field, so every acknowledged one must be its own stored event. A message
     * keeps at most {@link CallbackLimits#MAX_DISTINCT} distinct callbacks, so each thread moves to a fresh message
     * after that many tries (answered or not: an unanswered one may still have been stored).
     */
    private Runnable callbacks(int thread) {
        return () -> {
            Answer target = null;
            int tries = 0;
            for (int n = 0; streaming.get(); n++) {
                if (target == null || tries == CallbackLimits.MAX_DISTINCT) {
                    String orderId = "HD-KILL-C" + thread + "-" + n;
                    TestServer.Reply r = quietly(() -> child.send(orderId, EsmsTestBase.body("0901888484", null)));
                    if (r == null || r.status() != 201) continue;
                    target = remember(r, orderId);
                    tries = 0;
                }
                Answer a = target;
                tries++;
                String query = "SMSID=" + a.smsId() + "&SendStatus=2&SendSuccess=0&SendFailed=0&seq=" + thread + "-" + n;
                TestServer.Reply r = quietly(() -> callback(a.id(), query));
                if (r != null && r.status() / 100 == 2) ackedCallbacks.add(query);
            }
        };
    }

    private void sends() {
        for (int n = 0; streaming.get(); n++) {
            String requestId = "kill-" + n, orderId = "HD-KILL-S" + n % 7;
            TestServer.Reply r = quietly(() -> child.send(orderId, EsmsTestBase.body("0901888484", requestId)));
            if (r != null && r.status() / 100 == 2) {
                remember(r, orderId);
                ackedSends.add(requestId);
            }
        }
    }

    private Answer remember(TestServer.Reply r, String orderId) {
        JsonNode m = r.json();
        Answer a = new Answer(m.get("id").asLong(), orderId, r.status(), m.get("status").asText(), text(m, "smsId"));
        answers.put(a.id(), a);
        return a;
    }

    /** Reads every answered message back through the journey API; describes each one that differs from its answer. */
    private List<String> answersThatReadBackWrong() {
        Map<Long, JsonNode> stored = new HashMap<>();
        for (String orderId : answers.values().stream().map(Answer::orderId).distinct().toList()) {
            TestServer.Reply j = child.get("/api/journeys/" + orderId);
            assertThat(j.status()).as(j.body()).isEqualTo(200);
            for (JsonNode m : j.json().get("messages")) stored.put(m.get("id").asLong(), m);
        }
        List<String> wrong = new ArrayList<>();
        for (Answer a : answers.values()) {
            JsonNode m = stored.get(a.id());
            if (m == null) {
                wrong.add(a + ": not found");
            } else if (a.smsId() != null && !a.smsId().equals(text(m, "smsId"))) {
                wrong.add(a + ": SMSID now " + text(m, "smsId"));
            } else if (!sameOrForward(a.status(), m.get("status").asText())) {
                wrong.add(a + ": status now " + m.get("status").asText());
            }
        }
        return wrong;
    }

    /** The forward-only rule: a status stays, moves up the order, or (from a non-final one) becomes final. */
    private static boolean sameOrForward(String was, String now) {
        if (was.equals(now)) return true;
        if (FINAL.contains(was)) return false;
        return FINAL.contains(now) || FORWARD.indexOf(now) > FORWARD.indexOf(was);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A request to a dead or dying child has no answer: it is simply not acknowledged. */
    private static TestServer.Reply quietly(java.util.function.Supplier<TestServer.Reply> call) {
        try {
            return call.get();
        } catch (RuntimeException noAnswer) {
            ChildService.pause(50);
            return null;
        }
    }

    private Set<String> column(String sql) {
        Set<String> out = new HashSet<>();
        for (List<String> row : query(child.databaseUrl, sql)) out.add(row.get(0));
        return out;
    }

    private static Thread start(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
