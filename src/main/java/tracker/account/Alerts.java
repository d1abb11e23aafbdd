package tracker.account;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.Notices;
import tracker.db.WriteTx;
import tracker.db.Writer;
import tracker.ledger.Applied;
import tracker.ledger.FailureKind;
import tracker.ledger.MessageRow;
import tracker.ledger.Recorder;
import tracker.ledger.Status;

/**
 * An account- or configuration-level failure (the OA's token, its quota, a template Zalo disabled, a template eSMS
 * does not know...) will fail the next messages too: it raises one alert for its OA (or OA and template) that counts
 * the messages it hit, instead of a quiet failure per message. The next DELIVERED for that OA/template clears it.
 */
public final class Alerts implements Recorder.Tally {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final Pattern CODE = Pattern.compile("^(?:eSMS|Zalo error) (-?\\d+)");
    /** eSMS codes about the OA as a whole; the other configuration codes are about one template of it. */
    private static final Set<String> OA_WIDE = Set.of("204", "799", "801", "802");

    /**
     * Told in the alert's own write transaction when an alert begins ({@code endedAt} null) or ends, so what it
     * writes commits with the alert; {@code committed} after that commit. Asked first whether it listens at all.
     */
    public interface Watcher {
        Watcher NONE = new Watcher() {
            @Override public boolean listening() { return false; }
            @Override public void alert(WriteTx tx, AlertDao.Alert alert, Long endedAt) { }
            @Override public void committed() { }
        };

        boolean listening();

        void alert(WriteTx tx, AlertDao.Alert alert, Long endedAt);

        void committed();
    }

    /** The notices topic: OAs an alert was raised (or hit again) for. */
    static final String TOPIC = "alerts";

    private final Writer writer;
    private final Jdbi reads;
    private final Notices notices;
    private volatile Watcher watcher = Watcher.NONE;
    /**
     * OAs that may have an active alert, raised here or (told by {@link Notices}) through another instance: a delivery
     * for any other OA needs no write (the common case stays cheap). One too many costs a write at its next delivery.
     */
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();

    public Alerts(Writer writer, Jdbi reads, Notices notices) {
        this.writer = writer;
        this.reads = reads;
        this.notices = notices;
        active().forEach(a -> alerted.add(a.oaId()));
        // only ever added to from here: a cleared alert leaves the set at that OA's next delivery, which checks
        notices.subscribe(TOPIC, oaIds -> alerted.addAll(oaIds != null ? oaIds
                : active().stream().map(AlertDao.Alert::oaId).toList()));
    }

    /** Set once at wiring, before traffic. */
    public void watch(Watcher w) { this.watcher = w; }

    public List<AlertDao.Alert> active() { return reads.withExtension(AlertDao.class, AlertDao::active); }

    @Override
    public void applied(String via, Applied a) {
        if (!a.changed()) return;
        MessageRow m = a.message();
        Status s = m.statusEnum();
        if (s == Status.DELIVERED && alerted.contains(m.oaId())) {
            Watcher w = watcher;
            boolean told = w.listening();
            int n = writer.write(tx -> {
                AlertDao dao = tx.dao(AlertDao.class);
                List<AlertDao.Alert> ending = told ? dao.activeFor(m.oaId(), m.templateId()) : List.of();
                int cleared = dao.clear(m.oaId(), m.templateId(), a.report().at());
                for (AlertDao.Alert e : ending) w.alert(tx, e, a.report().at());
                return cleared;
            });
            if (told && n > 0) w.committed();
            if (n > 0) log.info("alert cleared: OA {} template {} delivered again (message {})", m.oaId(), m.templateId(), m.id());
            if (active().stream().noneMatch(x -> x.oaId().equals(m.oaId()))) alerted.remove(m.oaId());
            return;
        }
        boolean level = FailureKind.ACCOUNT.wire().equals(m.failureKind()) || FailureKind.CONFIGURATION.wire().equals(m.failureKind());
        if (!s.isFailure() || !level || m.failureReason() == null) return;
        Matcher c = CODE.matcher(m.failureReason());
        String code = c.find() ? c.group(1) : "?";
        String template = FailureKind.ACCOUNT.wire().equals(m.failureKind()) || OA_WIDE.contains(code) ? "" : m.templateId();
        Watcher w = watcher;
        boolean told = w.listening();
        boolean began = writer.write(tx -> {
            AlertDao dao = tx.dao(AlertDao.class);
            boolean fresh = told && dao.activeKey(m.failureKind(), m.oaId(), template).isEmpty();
            dao.hit(m.failureKind(), m.oaId(), template, code, m.failureReason(), a.report().at());
            if (fresh) w.alert(tx, dao.activeKey(m.failureKind(), m.oaId(), template).orElseThrow(), null);
            return fresh;
        });
        if (began) w.committed();
        notices.publish(TOPIC, m.oaId()); // each hit, not only the first: another instance may have cleared it meanwhile
        if (alerted.add(m.oaId())) log.warn("alert: {} problem on OA {}{}: {}", m.failureKind(), m.oaId(),
                template.isEmpty() ? "" : " template " + template, m.failureReason());
    }
}
