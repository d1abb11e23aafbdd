package tracker.ledger;

import java.util.Locale;

/**
 * Why a message failed, as far as it matters to the sender (PROTOCOL.md sections 5 and 6): only this recipient,
 * the OA or template, the whole account, the journey token, the time of day, a passing fault, or not known.
 */
public enum FailureKind {
    RECIPIENT, CONFIGURATION, ACCOUNT, JOURNEY, TIMING, TRANSIENT, UNKNOWN;

    /** As stored and shown: {@code recipient}, {@code account}, ... */
    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
