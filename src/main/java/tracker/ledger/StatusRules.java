package tracker.ledger;

/** Forward-only status rules, shared by send answers, callbacks and polls. Plain Java, no I/O. */
public final class StatusRules {
    private StatusRules() {}

    /** What an event reporting {@code reported} does to a message now in {@code current}. */
    public record Decision(Status next, boolean late, boolean conflict) {
        public boolean changes(Status current) { return next != current; }
    }

    public static Decision decide(Status current, Status reported) {
        if (reported == null || reported == current) return new Decision(current, false, false);
        // a cancel is our own decision: any word from eSMS proves the message reached it, and the truth wins
        if (current == Status.CANCELLED && reported != Status.QUEUED && reported != Status.CANCELLED) {
            return new Decision(reported, false, false);
        }
        if (current.isFinal()) {
            // a late success is real news: it replaces an expiry we inferred ourselves
            if (current == Status.EXPIRED && reported == Status.DELIVERED) return new Decision(reported, false, false);
            return reported.isFinal() ? new Decision(current, false, true) : new Decision(current, true, false);
        }
        if (reported.rank() > current.rank()) return new Decision(reported, false, false);
        return new Decision(current, true, false);
    }
}
