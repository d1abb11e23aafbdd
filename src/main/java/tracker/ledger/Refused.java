package tracker.ledger;

/**
 * A request the rules refuse, with a readable reason and the field at fault (or null). The web edge alone turns
 * {@link Why} into an HTTP status; everything else just says why.
 */
public final class Refused extends RuntimeException {
    /**
     * Why: bad input, a failed credential check, nothing by that name, a clash with what is stored, a peer down, or
     * something that existed but is closed for good (an expired callback URL).
     */
    public enum Why { INVALID, DENIED, UNKNOWN, CONFLICT, UNAVAILABLE, GONE }

    private final Why why;
    private final String field;

    public Refused(Why why, String reason, String field) {
        super(reason, null, false, false); // no stack trace: these are expected answers, not faults
        this.why = why;
        this.field = field;
    }

    public static Refused invalid(String reason, String field) { return new Refused(Why.INVALID, reason, field); }
    public static Refused denied(String reason, String field) { return new Refused(Why.DENIED, reason, field); }
    public static Refused unknown(String reason) { return new Refused(Why.UNKNOWN, reason, null); }
    public static Refused conflict(String reason, String field) { return new Refused(Why.CONFLICT, reason, field); }
    public static Refused unavailable(String reason) { return new Refused(Why.UNAVAILABLE, reason, null); }
    public static Refused gone(String reason) { return new Refused(Why.GONE, reason, null); }

    public Why why() { return why; }
    public String field() { return field; }
}
