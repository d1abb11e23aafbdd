package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/**
 * 3,000 slow clients against the service in a child JVM with -Xmx256m and its default limits. Each declares a
 * 64 KiB body, sends 60 KiB of it at once, then one byte every 2 s, so no idle timeout ever fires (slow POST).
 * Today's edge would buffer all of it (~190 MB); the bounded one keeps the heap low, keeps callbacks fast, and
 * cuts every such client off.
 */
class SlowConnectionsTest extends ChildTestBase {
    private static final int CLIENTS = 3_000;
    private static final long HEAP_LIMIT = 200L * 1024 * 1024;
    private static final Duration CALLBACKS_WITHIN = Duration.ofSeconds(30);
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} (\\S+)$");

    @Test
    void three_thousand_slow_clients_keep_the_heap_under_200_mb_and_a_fresh_callback_answered_within_2_s() throws Exception {
        long fds = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertThat(fds).as("ulimit -n of the test JVM (the child inherits it): raise it to run this test").isGreaterThan(CLIENTS + 1_000);
        startChild(Map.of(), "-Xmx256m");
        long id = sendAccepted("HD-SLOW");
        String smsId = smsIdOf(id);
        List<Long> heap = new CopyOnWriteArrayList<>();
        AtomicLong unanswered = new AtomicLong();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watch = new Thread(() -> {
            while (watching.get()) {
                long used = heapUsed();
                if (used < 0) unanswered.incrementAndGet();
                else heap.add(used);
                ChildService.pause(250);
            }
        }, "heap-watch");
        watch.start();

        long start = System.nanoTime();
        List<Long> callbackMillis = new ArrayList<>();
        try (SlowClients slow = new SlowClients("/callbacks/" + id + "/not-the-token", 60 * 1024)) {
            slow.open(child.port, CLIENTS, start + Duration.ofSeconds(20).toNanos());
            assertThat(slow.opened()).as("connections opened in 20 s").isEqualTo(CLIENTS);
            for (int n = 0; System.nanoTime() - start < CALLBACKS_WITHIN.toNanos(); n++) {
                long t0 = System.nanoTime(); // on a new connection, as eSMS calls: it must get past the crowd too
                RawHttp.Answer r = RawHttp.get(child.port, callbackPath(id) + "?SMSID=" + smsId
                        + "&SendStatus=7&SendSuccess=0&SendFailed=0&seq=" + n);
                callbackMillis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(callbackMillis).as("fresh callbacks during the attack, in ms").allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
                assertHeapUnderLimit(heap);
                slow.trickle();
                ChildService.pause(2_000); // the attack's own pace: a byte every 2 s
            }
            long cutOffBy = start + Duration.ofSeconds(60).toNanos();
            while (slow.open() > 0 && System.nanoTime() < cutOffBy) {
                assertHeapUnderLimit(heap);
                slow.trickle();
                ChildService.pause(2_000);
            }
            String report = "endings " + slow.endings() + ", callbacks in ms " + callbackMillis;
            System.out.println("SlowConnectionsTest: " + report + ", all cut off after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms; heap readings (MB) " + heap.stream().map(b -> b >> 20).toList());
            assertThat(slow.open()).as("slow clients still connected 60 s after the start; " + report).isZero();
            // 503: no room left in the body budget; 408: too slow; "closed": a 503 lost to the reset of a full pipe
            assertThat(slow.endings().keySet()).as(report).contains("408").isSubsetOf("408", "503", "closed");
        } finally {
            watching.set(false);
            watch.join();
        }
        assertThat(unanswered.get()).as("heap readings the child did not answer").isZero();
        assertThat(heap).as("heap readings").hasSizeGreaterThan(20);
        assertHeapUnderLimit(heap);
    }

    private static void assertHeapUnderLimit(List<Long> heap) {
        assertThat(heap.stream().mapToLong(Long::longValue).max().orElse(0)).as("most heap used, bytes; readings " + heap)
                .isLessThan(HEAP_LIMIT);
    }

    /** Heap used by the child (all heap pools), from its /metrics; -1 when it did not answer. */
    private long heapUsed() {
        try {
            TestServer.Reply r = child.get("/metrics");
            if (r.status() != 200) return -1;
            long sum = 0;
            Matcher m = HEAP.matcher(r.body());
            while (m.find()) sum += (long) Double.parseDouble(m.group(1));
            return sum;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
