package tracker.ledger;

/**
 * What one event says about a message. {@code reported} may be null (an event that reports no status);
 * {@code dedupeKey}, when set, makes identical copies of the event count as repeats of one.
 */
public record Report(long at, String type, String source, Status reported, String smsId, String price,
                     String failureReason, String esmsCode, String esmsMessage, String detail, String dedupeKey) {}
