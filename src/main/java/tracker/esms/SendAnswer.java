package tracker.esms;

/** What eSMS said to a send: a definite yes, a definite no, or nothing usable (try again later). */
public sealed interface SendAnswer {
    /** Code 100: eSMS took the message; the outcome comes later by callback. */
    record Accepted(String smsId, String rawBody) implements SendAnswer {}

    /** Any other code eSMS answered with, except the rate limit. */
    record Refused(String code, String message, String rawBody) implements SendAnswer {}

    /** Unreachable, timed out, 5xx, not JSON, or 160 (rate limit): nothing definite, retry with the same RequestId. */
    record Unreachable(String reason, String code) implements SendAnswer {}
}
