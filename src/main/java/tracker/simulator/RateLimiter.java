package tracker.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** At most {@code limit} calls in any sliding second, like eSMS's TPS limits. */
final class RateLimiter {
    private final int limit;
    private final LongSupplier nanoTime;
    private final Deque<Long> recent = new ArrayDeque<>();

    RateLimiter(int limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() >= 1_000_000_000L) recent.pollFirst();
        if (recent.size() >= limit) return false;
        recent.addLast(now);
        return true;
    }
}
