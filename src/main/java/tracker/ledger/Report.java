package tracker.ledger;

/**
 * What one event says about a message. {@code reported} may be null (an event that reports no status);
 * {@code dedupeKey}, when set, makes identical copies of the event count as repeats of one.
 */
public record Report(long at, String type, String source, Status reported, String smsId, String price,
                     String failureReason, String esmsCode, String esmsMessage, String detail, String dedupeKey,
                     Facts facts) {

    /**
     * What some events also know: the kind of a failure, when eSMS says it recorded the outcome, Zalo's id of the
     * message, (for a send that stays QUEUED) when to try again, and when Zalo says it reached the phone. Each may
     * be null.
     */
    public record Facts(FailureKind failureKind, Long reportedAt, String zaloMessageId, Long nextAttemptAt, Long onPhoneAt) {
        public static final Facts NONE = new Facts(null, null, null, null, null);

        public Facts(FailureKind failureKind, Long reportedAt, String zaloMessageId, Long nextAttemptAt) {
            this(failureKind, reportedAt, zaloMessageId, nextAttemptAt, null);
        }
    }

    public Report(long at, String type, String source, Status reported, String smsId, String price,
                  String failureReason, String esmsCode, String esmsMessage, String detail, String dedupeKey) {
        this(at, type, source, reported, smsId, price, failureReason, esmsCode, esmsMessage, detail, dedupeKey, Facts.NONE);
    }

    public Report withDetail(String d) {
        return new Report(at, type, source, reported, smsId, price, failureReason, esmsCode, esmsMessage, d, dedupeKey, facts);
    }

    public Report with(Facts f) {
        return new Report(at, type, source, reported, smsId, price, failureReason, esmsCode, esmsMessage, detail,
                dedupeKey, f);
    }
}
