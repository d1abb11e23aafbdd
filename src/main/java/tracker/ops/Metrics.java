package tracker.ops;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tracker.ledger.Applied;
import tracker.ledger.Recorder;
import tracker.ledger.Status;

/**
 * The service's meters, one registry per app. Labels carry only bounded values we chose (status names, eSMS
 * result codes, reasons): never a secret, a phone number or an id.
 */
public final class Metrics implements Recorder.Tally, AutoCloseable {
    private static final Pattern CODE = Pattern.compile("-?\\d{1,4}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Timer writeBatch;
    private final DistributionSummary writeBatchSize;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        writeBatch = Timer.builder("tracker.db.write.batch").description("time to run and commit one group-commit transaction")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        // counted from the start, so a scrape shows them at 0 before the first pass
        registry.counter("tracker.retry.passes");
        registry.counter("tracker.reconcile.passes");
        writeBatchSize = DistributionSummary.builder("tracker.db.write.batch.tasks")
                .description("writes committed together in one transaction").register(registry);
    }

    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Every answer eSMS gave to a call of ours ("send", "GetSendStatus", "GetCallback"), by result code. */
    public void esmsAnswer(String call, String code) {
        String c = code != null && CODE.matcher(code).matches() ? code : "unreachable".equals(code) ? code : "other";
        registry.counter("tracker.esms.answers", "call", call, "code", c).increment();
    }

    public void callbackReceived() { registry.counter("tracker.callbacks.received").increment(); }

    public void callbackDuplicated() { registry.counter("tracker.callbacks.duplicated").increment(); }

    /** reason: bad_token, malformed, unknown_message, conflict, expired, storage_unavailable. */
    public void callbackRefused(String reason) { registry.counter("tracker.callbacks.refused", "reason", reason).increment(); }

    /** A committed status change; a final one also records the time from submission to final status. */
    @Override
    public void applied(String via, Applied a) {
        if (!a.changed()) return;
        Status to = a.message().statusEnum();
        registry.counter("tracker.status.transitions", "from", a.before().name(), "to", to.name(), "source", via).increment();
        if (to.isFinal()) {
            long ms = Math.max(0, a.message().updatedAt() - a.message().createdAt());
            Timer.builder("tracker.send.to.final").description("time from submission to a final status")
                    .tag("status", to.name()).publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofDays(8)).register(registry).record(ms, TimeUnit.MILLISECONDS);
        }
    }

    public void retryPass() { registry.counter("tracker.retry.passes").increment(); }

    public void reconcilePass() { registry.counter("tracker.reconcile.passes").increment(); }

    /** The reconciler learned something new (a status change) or gave up on a message (EXPIRED). */
    public void reconcileRepaired(Status to) { registry.counter("tracker.reconcile.repaired", "status", to.name()).increment(); }

    /** A daily retention purge began (on this instance; with several, one of them per day). */
    public void retentionRun() { registry.counter("tracker.retention.runs").increment(); }

    public void purged(int journeys) { registry.counter("tracker.retention.purged.journeys").increment(journeys); }

    /** Called by the writer once per committed (or failed) transaction: two field writes, no allocation. */
    public void writeBatch(int tasks, long nanos) {
        writeBatch.record(nanos, TimeUnit.NANOSECONDS);
        writeBatchSize.record(tasks);
    }

    /** A gauge read at scrape time, e.g. the retry queue depth from the database. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, () -> {
            try {
                Number n = value.get();
                return n == null ? Double.NaN : n.doubleValue();
            } catch (RuntimeException e) {
                return Double.NaN; // database unreachable: /health says so; the scrape must still work
            }
        }).description(description).register(registry);
    }

    /** One gauge per row of {@code rows}: each row's tags (name to value) and its value; read at each scrape. */
    public void gauges(String name, String description, Supplier<Map<Map<String, String>, Long>> rows) {
        MultiGauge gauges = MultiGauge.builder(name).description(description).register(registry);
        beforeScrape.add(() -> gauges.register(rows.get().entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of(e.getKey().entrySet().stream().map(t -> Tag.of(t.getKey(), t.getValue())).toList()),
                e.getValue())).toList(), true));
    }

    /** HTTP requests by method, route template (never the raw path: ids and tokens live there) and status. */
    public void http(String method, String route, int status, float millis) {
        Timer.builder("http.server.requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    @Override public void close() {
        gc.close();
        registry.close();
    }
}
