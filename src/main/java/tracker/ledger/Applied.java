package tracker.ledger;

/**
 * The outcome of recording one event: the message after it, the event, how many identical copies are now held
 * (0 when nothing was recorded), whether the status changed and from what.
 */
public record Applied(MessageRow message, Report report, int repeats, boolean changed, boolean late, boolean conflict,
                      Status before) {
    static Applied nothing(MessageRow m) { return new Applied(m, null, 0, false, false, false, m.statusEnum()); }

    public boolean recorded() { return repeats > 0; }
}
