package bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * eSMS played by a stub: accepts every send with a unique SMSID, never calls back, remembers each CallbackUrl.
 * Answers at once, or after {@link #delay} (the send phase: eSMS's real answer time). One thread per request in
 * flight (a pool of {@link #THREADS}), so a delayed answer never queues behind another; {@link #stats} shows it.
 */
final class Stub implements AutoCloseable {
    /** What one send asked for: enough to build its callbacks later. */
    record Sent(String smsId, String callbackUrl, String phone, String orderId) {}

    private static final Pattern URL = Pattern.compile("\"CallbackUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PHONE = Pattern.compile("\"Phone\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ORDER = Pattern.compile("\"OrderId\"\\s*:\\s*\"([^\"]+)\"");

    final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final HttpServer server;
    static final int THREADS = 1024;
    private volatile long delayNanos;
    private final AtomicInteger inFlight = new AtomicInteger(), maxInFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> answerNanos = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "stub");
        t.setDaemon(true);
        return t;
    });

    Stub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            long t0 = System.nanoTime();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                answer(ex, t0);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
    }

    /** From now on every answer waits this long (0 = at once). */
    void delay(long millis) {
        delayNanos = millis * 1_000_000L;
        maxInFlight.set(0);
        answerNanos.clear();
    }

    /** Since the last {@link #delay}: requests answered, the most in flight at once, answer time p50/p99/max (ms). */
    String stats(Kv kv) {
        Stats s = new Stats();
        for (long n : answerNanos) s.add(n);
        Stats all = Stats.merge(java.util.List.of(s));
        kv.put("stub_answers", all.size()).put("stub_max_in_flight", maxInFlight.get()).put("stub_threads", THREADS)
                .put("stub_p50_ms", Stats.f(all.ms(50))).put("stub_p99_ms", Stats.f(all.ms(99))).put("stub_max_ms", Stats.f(all.ms(100)));
        return String.format("eSMS stub: %d answers, at most %d in flight (of %d threads), answer time p50 %s / p99 %s / max %s ms",
                all.size(), maxInFlight.get(), THREADS, Stats.f(all.ms(50)), Stats.f(all.ms(99)), Stats.f(all.ms(100)));
    }

    private void answer(com.sun.net.httpserver.HttpExchange ex, long t0) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String smsId = "bench" + ids.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
        sent.add(new Sent(smsId, find(URL, body), find(PHONE, body), find(ORDER, body)));
        byte[] answer = ("{\"CodeResult\":\"100\",\"CountRegenerate\":0,\"SMSID\":\"" + smsId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        long wait = t0 + delayNanos - System.nanoTime();
        if (wait > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
        answerNanos.add(System.nanoTime() - t0);
    }

    int port() { return server.getAddress().getPort(); }

    List<Sent> drain() {
        List<Sent> out = new java.util.ArrayList<>(sent);
        sent.clear();
        return out;
    }

    private static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
