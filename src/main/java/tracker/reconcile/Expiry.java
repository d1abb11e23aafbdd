package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.Writer;
import tracker.ledger.Detail;
import tracker.ledger.Events;
import tracker.ledger.JourneyDao;
import tracker.ledger.Ledger;
import tracker.ledger.Status;
import tracker.ops.Metrics;

/** eSMS keeps a message's status for 7 days: still not final 7 days after acceptance means it never will be. */
final class Expiry {
    private static final Logger log = LoggerFactory.getLogger(Expiry.class);
    static final Duration ESMS_KEEPS_STATUS = Duration.ofDays(7);
    private static final int BATCH = 200;

    private final Writer writer;
    private final Clock clock;
    private final ObjectMapper json;
    private final Events events;
    private final Metrics metrics;
    private final Set<Long> busy;

    Expiry(Writer writer, Clock clock, ObjectMapper json, Events events, Metrics metrics, Set<Long> busy) {
        this.writer = writer;
        this.clock = clock;
        this.json = json;
        this.events = events;
        this.metrics = metrics;
        this.busy = busy;
    }

    /** Expires every open message past the 7 days (a message being asked about right now waits for the next pass). */
    int run() {
        int total = 0;
        while (true) {
            long now = clock.millis();
            List<Ledger.Applied> done = writer.write(tx -> {
                List<Ledger.Applied> out = new ArrayList<>();
                for (var e : tx.dao(ReconcileDao.class).expiring(now - ESMS_KEEPS_STATUS.toMillis(), BATCH)) {
                    if (busy.contains(e.id())) continue;
                    out.add(Ledger.apply(tx.dao(JourneyDao.class), e.id(), new Ledger.Report(now, "EXPIRED", "system",
                            Status.EXPIRED, null, null, reason(e), null, null,
                            Detail.of(json, "acceptedAt", Detail.instant(e.acceptedAt()), "lastStatus", e.status()), null)));
                }
                return out;
            });
            for (Ledger.Applied a : done) {
                metrics.applied("system", a);
                if (!a.changed()) continue;
                metrics.reconcileRepaired(Status.EXPIRED);
                log.info("expired order={} message={} smsId={} (was {})", a.message().orderId(), a.message().id(),
                        a.message().smsId(), a.before());
                events.changed(a.message().orderId());
            }
            total += done.size();
            if (done.size() < BATCH) return total;
        }
    }

    static String reason(ReconcileDao.Expiring e) {
        if (e.sandbox()) {
            return "sandbox send: eSMS only validated it and never reports on it; closed 7 days after acceptance";
        }
        if (e.smsId() == null) {
            return "no final status within 7 days of acceptance; eSMS accepted it without an SMSID (a retry found the "
                    + "RequestId already taken), so it could not be asked; last known status " + e.status();
        }
        return "no final status within 7 days of acceptance, by callback or by asking eSMS (which keeps status for "
                + "7 days only); last known status " + e.status();
    }
}
