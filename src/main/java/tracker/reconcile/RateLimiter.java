package tracker.reconcile;

import java.util.concurrent.TimeUnit;

/**
 * Spaces requests to eSMS evenly, at most {@code perSecond}. Real time on purpose: eSMS counts requests per
 * wall-clock second, whatever the service's (injectable) business clock says.
 */
final class RateLimiter {
    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    RateLimiter(int perSecond) { this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond; }

    /** Waits for the next free slot; callers queue in arrival order. */
    void acquire() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait <= 0) return;
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the call that follows fails fast and ends the pass
        }
    }
}
