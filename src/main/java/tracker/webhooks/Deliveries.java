package tracker.webhooks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.Leases;
import tracker.db.Writer;
import tracker.ledger.Detail;

/**
 * Sends what the outbox holds: one thread per endpoint (a slow or dead one delays only itself), each delivery the
 * oldest pending of its journey, retried on the schedule, every attempt logged. Never on a callback's thread.
 */
final class Deliveries implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int BATCH = 50;
    static final Duration DISABLE_AFTER = Duration.ofDays(3);
    /** Renewed before an attempt once half has passed: an attempt (10 s at most) ends before it lapses. */
    private static final Duration LEASE_TIME = Duration.ofSeconds(30);

    private final Writer writer;
    private final Jdbi reads;
    private final Endpoints endpoints;
    private final OkHttpClient http;
    private final Targets targets;
    private final Clock clock;
    private final Duration tick;
    /** Waits after the 1st, 2nd... failed attempt; one attempt more than delays, then the delivery has failed. */
    private final List<Duration> delays;
    private final Leases leases;
    private final Map<Long, ExecutorService> workers = new ConcurrentHashMap<>();
    private final Map<Long, AtomicBoolean> again = new ConcurrentHashMap<>();
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private final Thread loop;
    private volatile boolean running = true;

    Deliveries(Writer writer, Jdbi reads, Endpoints endpoints, OkHttpClient http, Targets targets, Clock clock, Duration tick,
               List<Duration> delays, Leases leases) {
        this.leases = leases;
        this.writer = writer;
        this.reads = reads;
        this.endpoints = endpoints;
        this.http = http;
        this.targets = targets;
        this.clock = clock;
        this.tick = tick;
        this.delays = List.copyOf(delays);
        this.loop = new Thread(this::run, "webhooks");
        loop.setDaemon(true);
    }

    void start() { loop.start(); }

    /** Something was committed to the outbox: look now rather than at the next tick. */
    void nudge() { wake.release(); }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(tick.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                for (WebhookDao.Endpoint e : endpoints.all()) if (e.disabledAt() == null) schedule(e.id());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("webhook loop: {}", e.toString());
            }
        }
    }

    /** Drains the endpoint on its own thread; asked while it drains, it drains once more. */
    private void schedule(long id) {
        again.computeIfAbsent(id, k -> new AtomicBoolean()).set(true);
        if (!busy.add(id)) return;
        workers.computeIfAbsent(id, k -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "webhook-" + k);
            t.setDaemon(true);
            return t;
        })).execute(() -> {
            try {
                while (running && again.get(id).getAndSet(false)) drain(id);
            } catch (RuntimeException e) {
                log.warn("webhook endpoint {}: {}", id, e.toString());
            } finally {
                busy.remove(id);
            }
        });
    }

    /**
     * Attempts every due delivery; a failed one holds back the rest of its journey until its retry. A lease per
     * endpoint, not row claims: one instance at a time sends an endpoint's deliveries, so each journey's stay in order.
     */
    private void drain(long endpointId) {
        while (running) {
            var endpoint = endpoints.find(endpointId).orElse(null);
            if (endpoint == null || endpoint.disabledAt() != null) return;
            if (!leases.hold(lease(endpointId), LEASE_TIME)) return; // another instance sends to this endpoint
            List<WebhookDao.Due> due = reads.withExtension(WebhookDao.class, d -> d.due(endpointId, clock.millis(), BATCH));
            Set<String> held = new HashSet<>();
            boolean progress = false;
            for (WebhookDao.Due d : due) {
                if (!running || !leases.hold(lease(endpointId), LEASE_TIME)) return;
                if (held.contains(d.orderKey())) continue;
                if (attempt(endpoint, d)) progress = true;
                else held.add(d.orderKey());
            }
            if (!progress) return;
        }
    }

    /** One signed POST; true when answered 2xx. */
    private boolean attempt(WebhookDao.Endpoint e, WebhookDao.Due d) {
        long at = clock.millis();
        long start = System.nanoTime();
        Integer code = null;
        String answer;
        try {
            if (!targets.allowPrivate() && !e.url().regionMatches(true, 0, "https://", 0, 8)) {
                throw new IOException("refused: plain http (WEBHOOK_ALLOW_PRIVATE=true allows it)");
            }
            long ts = at / 1000;
            Request req = new Request.Builder().url(e.url()).post(RequestBody.create(d.body(), JSON))
                    .header("webhook-id", d.msgId()).header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", Signature.sign(e.secret(), d.msgId(), ts, d.body()))
                    .header("User-Agent", "esms-journey-tracker-webhooks").build();
            try (Response res = http.newCall(req).execute()) {
                code = res.code();
                answer = res.peekBody(1024).string();
            }
        } catch (InterruptedIOException timeout) {
            answer = "no answer within 10 s";
        } catch (IOException failed) {
            String why = failed.getMessage() == null ? "" : failed.getMessage();
            answer = why.startsWith("refused:") ? why : "connection failed: " + failed.getClass().getSimpleName()
                    + (why.isEmpty() ? "" : " (" + why.substring(0, Math.min(why.length(), 200)) + ")");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        boolean ok = code != null && code / 100 == 2;
        record(e, d, at, code, ms, answer, ok);
        return ok;
    }

    private void record(WebhookDao.Endpoint e, WebhookDao.Due d, long at, Integer code, long ms, String answer, boolean ok) {
        long now = clock.millis();
        String disabled = writer.write(tx -> {
            WebhookDao dao = tx.dao(WebhookDao.class);
            var stored = dao.endpoint(e.id());
            if (stored.isEmpty()) return null; // deleted meanwhile
            dao.insertAttempt(d.id(), e.id(), at, code, ms, answer);
            if (ok) {
                dao.delivered(d.id(), now);
                dao.succeeding(e.id());
                return null;
            }
            int attempts = d.attempts() + 1;
            if (attempts > delays.size()) dao.failed(d.id(), now);
            else dao.retryAt(d.id(), now + delays.get(attempts - 1).toMillis());
            dao.failing(e.id(), now);
            Long since = dao.endpoint(e.id()).orElseThrow().failingSince();
            if (since == null || now - since < DISABLE_AFTER.toMillis()) return null;
            String why = "disabled: every attempt failed since " + Detail.instant(since) + " (3 days)";
            dao.disable(e.id(), now, why);
            dao.failPending(e.id(), now);
            return why;
        });
        if (!ok) log.info("webhook {} to endpoint {}: attempt {} failed ({})", d.msgId(), e.id(), d.attempts() + 1,
                code != null ? "HTTP " + code : answer);
        if (disabled != null) {
            log.warn("webhook endpoint {} {}", e.id(), disabled);
            endpoints.refresh();
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        workers.values().forEach(ExecutorService::shutdownNow); // an attempt cut off is sent again after a restart
        for (ExecutorService w : workers.values()) {
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        http.connectionPool().evictAll();
    }

    private static String lease(long endpointId) { return "webhooks:" + endpointId; }

    /** Forgets a deleted endpoint's thread and its lease. */
    void forget(long id) {
        ExecutorService w = workers.remove(id);
        if (w != null) w.shutdownNow();
        leases.release(lease(id));
    }
}
