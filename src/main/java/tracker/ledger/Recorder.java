package tracker.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.WriteTx;
import tracker.db.Writer;

/**
 * The one way to record what the service learnt about a message: commit the event through the rules, then count
 * it, log it and announce the change. Callers return to their clients only after the commit.
 */
public final class Recorder {
    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    /** Told of every recorded event, after its commit; {@code via} names the feature (send, callback, poll...). */
    public interface Tally {
        void applied(String via, Applied a);
    }

    /**
     * Runs in the write transaction with the message as stored: returns the event to record, or null to record
     * nothing; may refuse, or write the caller's own bookkeeping in the same transaction (never the columns the
     * ledger keeps: status, reasons, attempts' next time — say those through the report).
     */
    public interface Step {
        Report prepare(WriteTx tx, MessageRow m);
    }

    /**
     * Told inside the write transaction, right after each event is applied (or a message opened: then before is null
     * and changed false), so what it writes commits or rolls back with the change. Must be cheap when idle.
     */
    public interface Within {
        Within NONE = (tx, a) -> { };

        void recorded(WriteTx tx, Applied a);
    }

    /** One event for one message, chosen inside a batch's transaction. */
    public record Entry(long messageId, Report report) {}

    private final Writer writer;
    private final Changes changes;
    private final List<Tally> tallies;
    private final Within within;

    public Recorder(Writer writer, Changes changes, Tally... tallies) { this(writer, changes, Within.NONE, List.of(tallies)); }

    public Recorder(Writer writer, Changes changes, Within within, List<Tally> tallies) {
        this.writer = writer;
        this.changes = changes;
        this.within = within;
        this.tallies = List.copyOf(tallies);
    }

    public Applied record(String via, long messageId, Report report) {
        Applied a = writer.write(tx -> told(tx, Ledger.apply(tx, load(tx, messageId), report)));
        done(via, a);
        return a;
    }

    public Applied record(String via, long messageId, Step step) {
        Applied a = writer.write(tx -> applyStep(tx, messageId, step));
        done(via, a);
        return a;
    }

    /** The same without waiting: completes once committed, counted, logged and announced (never on the writer). */
    public CompletableFuture<Applied> recordLater(String via, long messageId, Step step) {
        return writer.submit(tx -> applyStep(tx, messageId, step)).thenApply(a -> {
            done(via, a);
            return a;
        });
    }

    private Applied applyStep(WriteTx tx, long messageId, Step step) {
        MessageRow m = load(tx, messageId);
        Report r = step.prepare(tx, m);
        return r == null ? Applied.nothing(m) : told(tx, Ledger.apply(tx, m, r));
    }

    /** Records a batch in one transaction; {@code pick} chooses the events in that transaction. */
    public List<Applied> recordAll(String via, Function<WriteTx, List<Entry>> pick) {
        List<Applied> all = writer.write(tx -> {
            List<Applied> out = new ArrayList<>();
            for (Entry e : pick.apply(tx)) {
                out.add(told(tx, Ledger.apply(tx, load(tx, e.messageId()), e.report())));
            }
            return out;
        });
        all.forEach(a -> done(via, a));
        return all;
    }

    /** Stores a new message with its first event (or finds it already stored under its requestId). */
    public Opened open(NewMessage n) {
        return opened(writer.write(tx -> openWithin(tx, n)));
    }

    /** The same without waiting: completes once committed (never on the writer). */
    public CompletableFuture<Opened> openLater(NewMessage n) {
        return writer.submit(tx -> openWithin(tx, n)).thenApply(this::opened);
    }

    private Opened openWithin(WriteTx tx, NewMessage n) {
        Opened o = Ledger.open(tx, n);
        if (!o.existed()) within.recorded(tx, new Applied(o.message(), n.first(), 1, false, false, false, null));
        return o;
    }

    private Applied told(WriteTx tx, Applied a) {
        if (a.recorded()) within.recorded(tx, a);
        return a;
    }

    private Opened opened(Opened o) {
        if (!o.existed()) changes.changed(o.message().orderId()); // logged with the answer that follows at once
        return o;
    }

    private static MessageRow load(WriteTx tx, long id) {
        return new LedgerStatements(tx.prepared()).messageToChange(id).orElseThrow(() -> Refused.unknown("no message " + id));
    }

    private void done(String via, Applied a) {
        if (!a.recorded()) return;
        for (Tally t : tallies) {
            try {
                t.applied(via, a);
            } catch (RuntimeException e) { // the event is committed: a tally that fails must not fail its answer
                log.warn("{} after message {}: {}", t.getClass().getSimpleName(), a.message().id(), e.toString());
            }
        }
        MessageRow m = a.message();
        log.info("{} order={} message={} phone={} {} smsId={} -> {}{}{}{}", via, m.orderId(), m.id(), Phone.mask(m.phone()),
                a.report().type(), m.smsId(), m.status(), a.changed() ? " (was " + a.before() + ")" : "",
                a.repeats() > 1 ? " (repeat " + a.repeats() + ")" : "", a.late() ? " late" : a.conflict() ? " conflict" : "");
        changes.changed(m.orderId()); // a repeat changed data too: its event now shows ×N
    }
}
