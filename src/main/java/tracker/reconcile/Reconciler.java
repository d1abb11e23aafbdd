package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.Writer;
import tracker.esms.EsmsClient;
import tracker.esms.Lookup;
import tracker.ledger.Applied;
import tracker.ledger.LedgerDao;
import tracker.ledger.Recorder;
import tracker.ledger.Refused;
import tracker.ledger.Report;
import tracker.ledger.Status;
import tracker.ops.Metrics;

/**
 * Asks eSMS about messages whose callbacks never came (GetCallback in batches, GetSendStatus for the rest) and
 * records the answers as POLL events through the same {@link Recorder} as callbacks. A message is never in two
 * questions at once: the loop and a manual refresh both take it in {@link #busy} first, only after their claim
 * has committed, and always give it back.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final int BATCH = EsmsClient.MAX_CALLBACK_LOOKUP;
    /** Under eSMS's 20 requests/s, with room for jitter between our clock and theirs. */
    static final int REQUESTS_PER_SECOND = 16;
    /** Questions about one message are spaced RECONCILE_AFTER, twice that, ... up to this. */
    static final Duration MAX_SPACING = Duration.ofHours(6);

    /** What a pass did; {@code esmsProblem} is set when eSMS could not be asked (the loop backs off). */
    public record Pass(int asked, int repaired, int expired, String esmsProblem) {}

    private final Writer writer;
    private final Recorder recorder;
    private final EsmsClient esms;
    private final Clock clock;
    private final Duration after;
    private final ObjectMapper json;
    private final Metrics metrics;
    private final boolean simulated;
    private final Expiry expiry;
    private final RateLimiter rate = new RateLimiter(REQUESTS_PER_SECOND);
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();

    public Reconciler(Writer writer, Recorder recorder, EsmsClient esms, Clock clock, Duration reconcileAfter,
                      ObjectMapper json, Metrics metrics, boolean simulated) {
        this.writer = writer;
        this.recorder = recorder;
        this.esms = esms;
        this.clock = clock;
        this.after = reconcileAfter;
        this.json = json;
        this.metrics = metrics;
        this.simulated = simulated;
        this.expiry = new Expiry(recorder, clock, json, metrics, busy);
    }

    /** One pass: ask about every due message (when {@code ask}), then expire what eSMS no longer knows. */
    public Pass pass(boolean ask) {
        metrics.reconcilePass();
        int asked = 0, repaired = 0;
        String problem = null;
        while (ask && problem == null) {
            long now = clock.millis();
            List<ReconcileDao.Due> due = claim(now); // busy from here: released below, whatever happens
            if (due.isEmpty()) break;
            try {
                Asked a = ask(due, now);
                asked += a.asked;
                repaired += a.repaired;
                problem = a.problem;
            } finally {
                due.forEach(d -> busy.remove(d.id()));
            }
            if (due.size() < BATCH) break;
        }
        return new Pass(asked, repaired, expiry.run(), problem);
    }

    /** Asks eSMS about one message now (POST /api/messages/{id}/refresh); answers 409/503 when it cannot. */
    public void refresh(long id) {
        ReconcileDao.Due d = writer.write(tx -> tx.dao(ReconcileDao.class).one(id))
                .orElseThrow(() -> Refused.unknown("no message " + id));
        var m = writer.write(tx -> tx.dao(LedgerDao.class).message(id)).orElseThrow();
        boolean askable = m.smsId() != null && !m.sandbox() && (!m.statusEnum().isFinal() || m.statusEnum() == Status.EXPIRED);
        if (!askable) return; // nothing eSMS could tell us: the message is answered as it is
        if (!busy.add(id)) throw Refused.conflict("message " + id + " is being checked with eSMS right now; try again in a moment", null);
        try {
            long now = clock.millis();
            writer.write(tx -> { tx.dao(ReconcileDao.class).asked(id, now + spacing(d.checks()).toMillis()); return null; });
            Asked a = ask(List.of(d), now);
            if (a.problem != null) throw Refused.unavailable("eSMS could not be asked: " + a.problem + "; try again later");
        } finally {
            busy.remove(id);
        }
    }

    /**
     * Takes the due messages (skipping any a refresh holds, and any another instance is claiming right now) and
     * schedules each one's next question. Per-row claims, not a lease: every instance asks about its own share. They
     * are marked busy only once that write has committed: a claim that fails or times out leaves nothing held.
     */
    private List<ReconcileDao.Due> claim(long now) {
        List<ReconcileDao.Due> claimed = writer.write(tx -> {
            ReconcileDao dao = tx.dao(ReconcileDao.class);
            List<ReconcileDao.Due> taken = new ArrayList<>();
            for (ReconcileDao.Due d : dao.due(now, now - after.toMillis(), BATCH)) {
                if (busy.contains(d.id())) continue;
                dao.asked(d.id(), now + spacing(d.checks()).toMillis());
                taken.add(d);
            }
            return taken;
        });
        List<ReconcileDao.Due> mine = new ArrayList<>();
        for (ReconcileDao.Due d : claimed) if (busy.add(d.id())) mine.add(d); // a refresh that got in first keeps it
        return mine;
    }

    Duration spacing(int checksSoFar) {
        Duration d = after.multipliedBy(1L << Math.min(checksSoFar, 10));
        return d.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : d;
    }

    private record Asked(int asked, int repaired, String problem) {}

    private Asked ask(List<ReconcileDao.Due> due, long now) {
        Map<String, List<ReconcileDao.Due>> byOa = new LinkedHashMap<>();
        for (ReconcileDao.Due d : due) byOa.computeIfAbsent(d.oaId(), k -> new ArrayList<>()).add(d);
        int asked = 0, repaired = 0;
        for (var group : byOa.entrySet()) {
            rate.acquire();
            Lookup found = esms.callbacks(group.getValue().stream().map(ReconcileDao.Due::smsId).toList(), group.getKey());
            if (!found.ok()) return new Asked(asked, repaired, "GetCallback: " + found.problem());
            Map<String, Map<String, String>> bySmsId = new LinkedHashMap<>();
            for (Map<String, String> item : found.items()) {
                String smsId = item.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("SMSID"))
                        .map(Map.Entry::getValue).findFirst().orElse("");
                bySmsId.putIfAbsent(smsId, item);
            }
            for (ReconcileDao.Due d : group.getValue()) {
                Map<String, String> item = bySmsId.get(d.smsId());
                String call = "GetCallback";
                if (item == null) {
                    rate.acquire();
                    Lookup status = esms.sendStatus(d.smsId());
                    if (status.notFound()) continue; // not queryable (yet): asked again after the spacing
                    if (!status.ok() || status.items().isEmpty()) {
                        return new Asked(asked, repaired, "GetSendStatus: " + status.problem());
                    }
                    item = status.items().get(0);
                    call = "GetSendStatus";
                }
                asked++;
                if (record(d, item, call, now)) repaired++;
            }
        }
        return new Asked(asked, repaired, null);
    }

    private boolean record(ReconcileDao.Due d, Map<String, String> item, String call, long now) {
        Report report;
        try {
            report = Poll.report(json, call, d.smsId(), item, now, d.checks() + 1, simulated);
        } catch (Refused unusable) {
            log.warn("poll order={} message={} smsId={}: eSMS's {} answer is unusable ({}); ignored",
                    d.orderId(), d.id(), d.smsId(), call, unusable.getMessage());
            return false;
        }
        Applied a = recorder.record("poll", d.id(), report);
        if (!a.changed()) return false;
        metrics.reconcileRepaired(a.message().statusEnum());
        return true;
    }
}
