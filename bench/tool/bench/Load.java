package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop GETs for a fixed time over a fixed set of keep-alive connections: either the pre-generated
 * callbacks (in file order, so a message's 2 goes before its 7 and 5) or one fixed path such as /health/live.
 * Stops taking new requests at the deadline and waits for the ones in flight, so every callback sent is
 * accounted for: answered 2xx, answered otherwise, or failed on the wire.
 */
final class Load {
    static void run(Args a) throws Exception {
        String host = a.get("host", "127.0.0.1"), label = a.get("label", "load");
        // --ports a,b: connection i goes to the i-th port in turn (several instances behind one "load balancer")
        String[] ports = a.get("ports", String.valueOf(a.intArg("port", 0))).split(",");
        int conns = a.intArg("conns", 32), seconds = a.intArg("seconds", 60), warmup = a.intArg("warmup", 0);
        String file = a.get("file", ""), fixed = a.get("path", "");
        int[] origin;
        String[] paths;
        if (!file.isEmpty()) {
            List<String> lines = Files.readAllLines(Path.of(file));
            origin = new int[lines.size()];
            paths = new String[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int tab = l.indexOf('\t');
                origin[i] = Integer.parseInt(l.substring(0, tab));
                paths[i] = l.substring(tab + 1);
            }
        } else {
            origin = new int[] {0};
            paths = new String[] {fixed};
        }
        int n = paths.length;
        BitSet ok = new BitSet(), seen = new BitSet();
        AtomicLong next = new AtomicLong();
        AtomicInteger non2xx = new AtomicInteger(), ioErrors = new AtomicInteger(), ok2xx = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime(), measured = start + warmup * 1_000_000_000L;
        long deadline = measured + seconds * 1_000_000_000L;
        AtomicInteger warm = new AtomicInteger();
        List<Stats> stats = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < conns; t++) {
            int port = Integer.parseInt(ports[t % ports.length]);
            Stats s = new Stats();
            stats.add(s);
            threads.add(Bench.thread(() -> {
                Conn c = new Conn(host, port);
                while (System.nanoTime() < deadline) {
                    long k = next.getAndIncrement();
                    int i = (int) (k % n);
                    long t0 = System.nanoTime();
                    try {
                        Conn.Answer ans = c.get(paths[i]);
                        if (t0 >= measured) s.add(System.nanoTime() - t0);
                        else warm.incrementAndGet();
                        if (ans.status() / 100 == 2) {
                            ok2xx.incrementAndGet();
                            synchronized (ok) { ok.set(origin[i]); }
                        } else if (non2xx.incrementAndGet() <= 5) {
                            System.err.println(label + ": HTTP " + ans.status() + " " + ans.text());
                        }
                    } catch (IOException e) {
                        if (ioErrors.incrementAndGet() <= 5) System.err.println(label + ": " + e);
                    }
                    synchronized (seen) { seen.set(origin[i]); }
                }
                c.close();
            }));
        }
        Progress p = new Progress(label, () -> ok2xx.get() + non2xx.get() + ioErrors.get(), 0);
        for (Thread t : threads) t.join();
        p.close();
        double secs = (System.nanoTime() - measured) / 1e9;
        Stats all = Stats.merge(stats);
        long requests = all.size() + warm.get() + ioErrors.get();
        try (Kv kv = new Kv(Path.of(a.get("out", "results.kv")))) {
            String k = label + "_";
            kv.put(k + "requests", requests).put(k + "ok", ok2xx.get()).put(k + "non2xx", non2xx.get())
                    .put(k + "io_errors", ioErrors.get()).put(k + "seconds", Stats.f(secs))
                    .put(k + "rate", Math.round(all.size() / secs))
                    .put(k + "p50_ms", Stats.f(all.ms(50))).put(k + "p99_ms", Stats.f(all.ms(99)))
                    .put(k + "p999_ms", Stats.f(all.ms(99.9))).put(k + "max_ms", Stats.f(all.ms(100)))
                    .put(k + "distinct_sent", seen.cardinality()).put(k + "distinct_ok", ok.cardinality())
                    .put(k + "passes", Stats.f((double) requests / n)).put(k + "measured", all.size())
                    .put(k + "warmup_requests", warm.get())
                    .put(k + "client_cpu_us", Math.round((os.getProcessCpuTime() - cpu0) / 1e3 / Math.max(1, requests)));
        }
        if (warmup > 0) System.out.printf("%s: %d requests in the %d s warm-up (not in the figures)%n", label, warm.get(), warmup);
        System.out.printf("%s: %d requests in %.1f s = %d/s, p50 %s ms, p99 %s ms, max %s ms, non-2xx %d, io errors %d%n",
                label, all.size(), secs, Math.round(all.size() / secs), Stats.f(all.ms(50)), Stats.f(all.ms(99)),
                Stats.f(all.ms(100)), non2xx.get(), ioErrors.get());
        if (requests > n && n > 1) System.out.printf("%s: WARNING the callback list ran out and was replayed (%.2f passes); "
                + "seed more messages (--messages) for a clean mix%n", label, (double) requests / n);
    }
}
