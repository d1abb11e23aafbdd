package tracker.sending;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.ops.Metrics;

/**
 * Re-sends QUEUED messages when their time comes. One thread, and each message claimed before it is sent (instances
 * sharing a database split the due ones), so no message is sent by two passes at once.
 */
public final class RetryLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetryLoop.class);

    private final Sender service;
    private final Cancellation cancellation;
    private final Resends resends;
    private final AccountPause pause;
    private final Duration tick;
    private final Metrics metrics;
    private ScheduledExecutorService timer;
    private volatile boolean stopping;

    public RetryLoop(Sender service, Cancellation cancellation, Resends resends, AccountPause pause, Duration tick,
                     Metrics metrics) {
        this.service = service;
        this.pause = pause;
        this.resends = resends;
        this.metrics = metrics;
        this.cancellation = cancellation;
        this.tick = tick;
    }

    public synchronized void start() {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retry-loop");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pass, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            while (cancellation.overdue() > 0) { /* a sendBefore passed: cancel before anything is sent again */ }
            while (service.giveUpStale() > 0) { /* 23 h after the first try: never sent again */ }
            resends.nightPass(); // before the retries: a 06:00 resend created now is due at 06:00, not before
            if (pause.pass(service)) return; // the account cannot send: nothing goes out but the pause's probe
            while (service.retryDue() > 0) {
                if (stopping || Thread.currentThread().isInterrupted()) return;
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) return; // shutting down
            log.warn("retry pass failed, will try again in {}: {}", tick, e.toString());
        } finally {
            metrics.retryPass(); // counted when the pass is over: a test waits for it instead of sleeping
        }
    }

    /** Lets the running pass finish the sends it claimed (each bounded by eSMS call timeouts), then stops. */
    @Override
    public synchronized void close() {
        if (timer == null) return;
        stopping = true;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(20, TimeUnit.SECONDS)) timer.shutdownNow();
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer = null;
    }
}
