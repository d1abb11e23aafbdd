package tracker.ledger;

import java.time.Duration;

/**
 * What a callback URL may still do: how long it stays open, and how many distinct callbacks one message stores.
 * Plain rules, no I/O: the callback feature asks {@link #expired}, {@link Ledger#apply} asks {@link #storesOwnEvent}.
 */
public final class CallbackLimits {
    /** eSMS keeps a message's status 7 days; one more day covers its last retries and clock skew. */
    public static final Duration URL_LIFETIME = Duration.ofDays(8);
    /** Distinct callback events kept per message; a real message has a handful, so more is a flood. */
    public static final int MAX_DISTINCT = 50;

    private CallbackLimits() {}

    /** True when a callback arriving {@code at} comes more than {@link #URL_LIFETIME} after {@code acceptedAt}. */
    public static boolean expired(long acceptedAt, long at) { return at - acceptedAt > URL_LIFETIME.toMillis(); }

    /**
     * Whether a new distinct callback gets an event of its own when {@code stored} are already kept; otherwise it
     * counts as a repeat of the last one. One that changes the status always does: a flood cannot hide a final status.
     */
    public static boolean storesOwnEvent(int stored, boolean changesStatus) {
        return changesStatus || stored < MAX_DISTINCT;
    }
}
