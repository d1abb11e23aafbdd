package bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends at a fixed rate (open loop) over a fixed set of connections: latency counts from when a send was due, so a
 * stall cannot hide behind fewer requests. eSMS is the stub, answering each send after {@code delayMs}. A send not
 * even started by three times the phase's length (plus 10 s) is given up and counted as an error ("behind").
 */
final class SendRate {
    private static final Long STOP = -1L;

    static void run(String base, int rate, int seconds, int conns, Stub stub, long delayMs, Kv kv) throws InterruptedException {
        var u = java.net.URI.create(base);
        int total = rate * seconds;
        BlockingQueue<Long> due = new ArrayBlockingQueue<>(total + conns);
        AtomicInteger seq = new AtomicInteger(), errors = new AtomicInteger(), behind = new AtomicInteger();
        List<Stats> stats = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime() + 200_000_000L, interval = 1_000_000_000L / rate;
        long giveUp = start + (3L * seconds + 10) * 1_000_000_000L;
        stub.delay(delayMs);
        for (int t = 0; t < conns; t++) {
            Stats s = new Stats();
            stats.add(s);
            threads.add(Bench.thread(() -> {
                try (Conn c = new Conn(u.getHost(), u.getPort())) {
                    for (long at = due.take(); at != STOP; at = due.take()) {
                        if (System.nanoTime() > giveUp) {
                            behind.incrementAndGet();
                            continue;
                        }
                        int i = seq.getAndIncrement();
                        try {
                            var ans = c.post("/api/journeys/bench-rate-" + (i / 5) + "/messages", Seed.body(Seed.phone("r", i), "bench-r" + i));
                            if (ans.status() / 100 != 2 && errors.incrementAndGet() <= 3) System.err.println("sends: HTTP " + ans.status() + " " + ans.text());
                        } catch (IOException e) {
                            if (errors.incrementAndGet() <= 3) System.err.println("sends: " + e);
                        }
                        s.add(System.nanoTime() - at);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        System.out.printf("sends: %d/s for %d s, open loop, %d connections, eSMS stub answering after %d ms...%n", rate, seconds, conns, delayMs);
        Progress p = new Progress("sends", () -> seq.get() + behind.get(), total);
        for (long n = 0; n < total; n++) {
            long at = start + n * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            due.put(at);
        }
        for (int t = 0; t < conns; t++) due.put(STOP);
        for (Thread t : threads) t.join();
        p.close();
        Stats all = Stats.merge(stats);
        double secs = (System.nanoTime() - start) / 1e9;
        kv.put("send_count", all.size()).put("send_rate", Math.round(all.size() / secs)).put("send_errors", errors.get() + behind.get())
                .put("send_behind", behind.get()).put("send_conns", conns).put("send_delay_ms", delayMs)
                .put("send_p50_ms", Stats.f(all.ms(50))).put("send_p99_ms", Stats.f(all.ms(99))).put("send_max_ms", Stats.f(all.ms(100)));
        System.out.printf("sends: %d sent, p50 %s ms, p99 %s ms, max %s ms, %d errors, %d given up (behind schedule)%n", all.size(),
                Stats.f(all.ms(50)), Stats.f(all.ms(99)), Stats.f(all.ms(100)), errors.get(), behind.get());
        System.out.println(stub.stats(kv));
        stub.delay(0);
    }
}
