package tracker.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@link #TRIES} failed sign-ins per client address in any minute: guessing a token then takes forever,
 * and one address (a proxy's client, not the proxy) cannot lock out the others. Addresses are remembered in a
 * bounded map, least recently seen dropped first.
 */
final class SignInLimit {
    static final int TRIES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> tries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    SignInLimit(Clock clock) { this.clock = clock; }

    /** Counts a try from {@code address}: 0 when it may go ahead, else the seconds until it may try again. */
    synchronized long take(String address) {
        long now = clock.millis();
        ArrayDeque<Long> recent = tries.computeIfAbsent(address, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW.toMillis()) recent.pollFirst();
        if (recent.size() >= TRIES) return Math.max(1, (recent.peekFirst() + WINDOW.toMillis() - now + 999) / 1000);
        recent.addLast(now); // counted before the token is checked, so concurrent guesses cannot slip past the limit
        return 0;
    }

    /** A try that succeeded does not count against the address. */
    synchronized void succeeded(String address) {
        ArrayDeque<Long> recent = tries.get(address);
        if (recent != null) recent.pollLast();
    }
}
