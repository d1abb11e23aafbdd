package bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends at a fixed rate (open loop): latency counts from when a send was due, so a stall cannot hide
 * behind fewer requests. eSMS is the in-process stub, which answers in microseconds.
 */
final class SendRate {
    private static final Long STOP = -1L;

    static void run(String base, int rate, int seconds, int conns, Kv kv) throws InterruptedException {
        var u = java.net.URI.create(base);
        BlockingQueue<Long> due = new ArrayBlockingQueue<>(rate * seconds + conns);
        AtomicInteger seq = new AtomicInteger(), errors = new AtomicInteger();
        List<Stats> stats = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < conns; t++) {
            Stats s = new Stats();
            stats.add(s);
            threads.add(Bench.thread(() -> {
                try (Conn c = new Conn(u.getHost(), u.getPort())) {
                    for (long at = due.take(); at != STOP; at = due.take()) {
                        int i = seq.getAndIncrement();
                        try {
                            var ans = c.post("/api/journeys/bench-rate-" + (i / 5) + "/messages", Seed.body(Seed.phone("r", i), "bench-r" + i));
                            if (ans.status() / 100 != 2 && errors.incrementAndGet() <= 3) System.err.println("send-rate: HTTP " + ans.status() + " " + ans.text());
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                        s.add(System.nanoTime() - at);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        System.out.printf("send-rate: %d sends/s for %d s...%n", rate, seconds);
        long start = System.nanoTime(), interval = 1_000_000_000L / rate;
        for (long n = 0; n < (long) rate * seconds; n++) {
            long at = start + n * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            due.put(at);
        }
        for (int t = 0; t < conns; t++) due.put(STOP);
        for (Thread t : threads) t.join();
        Stats all = Stats.merge(stats);
        double secs = (System.nanoTime() - start) / 1e9;
        kv.put("send_count", all.size()).put("send_rate", Math.round(all.size() / secs)).put("send_errors", errors.get())
                .put("send_p50_ms", Stats.f(all.ms(50))).put("send_p99_ms", Stats.f(all.ms(99))).put("send_max_ms", Stats.f(all.ms(100)));
        System.out.printf("send-rate: %d sends, p50 %s ms, p99 %s ms, max %s ms, %d errors%n", all.size(),
                Stats.f(all.ms(50)), Stats.f(all.ms(99)), Stats.f(all.ms(100)), errors.get());
    }
}
