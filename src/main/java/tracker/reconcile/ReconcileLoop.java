package tracker.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconciler passes on one background thread (so passes never overlap) and, when eSMS fails, stops asking
 * for 30 s, 1 min, 2 min ... up to 15 min by the service clock. Expiry still runs meanwhile: it needs no eSMS.
 * {@code chores} run after each pass (the daily retention purge decides itself whether it is due).
 */
public final class ReconcileLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    private final Reconciler reconciler;
    private final Clock clock;
    private final Duration tick;
    private final Runnable chores;
    private ScheduledExecutorService timer;
    private int failures;
    private long pausedUntil;

    public ReconcileLoop(Reconciler reconciler, Clock clock, Duration tick, Runnable chores) {
        this.reconciler = reconciler;
        this.clock = clock;
        this.tick = tick;
        this.chores = chores;
    }

    public synchronized void start() {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reconciler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pass, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            long now = clock.millis();
            Reconciler.Pass p = reconciler.pass(now >= pausedUntil);
            if (p.esmsProblem() != null) {
                failures++;
                Duration wait = backoff(failures);
                pausedUntil = now + wait.toMillis();
                log.warn("reconciler: eSMS did not answer ({}); asking again in {} (failure {} in a row)",
                        p.esmsProblem(), wait, failures);
            } else if (p.asked() > 0) {
                failures = 0;
            }
            if (p.asked() > 0 || p.expired() > 0) {
                log.info("reconciler pass: asked eSMS about {} messages, {} changed status, {} expired",
                        p.asked(), p.repaired(), p.expired());
            }
            chores.run();
        } catch (RuntimeException e) {
            log.warn("reconciler pass failed, will try again in {}: {}", tick, e.toString());
        }
    }

    static Duration backoff(int failures) {
        long seconds = 30L << Math.min(failures - 1, 5);
        return Duration.ofSeconds(Math.min(seconds, 900));
    }

    /** Gives a running pass 5 s to finish, then interrupts it (claimed messages are simply asked again later). */
    @Override
    public synchronized void close() {
        if (timer == null) return;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
                timer.awaitTermination(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer = null;
    }
}
