package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import tracker.ledger.Applied;
import tracker.ledger.Detail;
import tracker.ledger.FailureKind;
import tracker.ledger.Recorder;
import tracker.ledger.Report;
import tracker.ledger.Status;
import tracker.ops.Metrics;

/** eSMS keeps a message's status for 7 days: still not final 7 days after acceptance means it never will be. */
final class Expiry {
    static final Duration ESMS_KEEPS_STATUS = Duration.ofDays(7);
    private static final int BATCH = 200;

    private final Recorder recorder;
    private final Clock clock;
    private final ObjectMapper json;
    private final Metrics metrics;
    private final Set<Long> busy;

    Expiry(Recorder recorder, Clock clock, ObjectMapper json, Metrics metrics, Set<Long> busy) {
        this.recorder = recorder;
        this.clock = clock;
        this.json = json;
        this.metrics = metrics;
        this.busy = busy;
    }

    /**
     * Expires every open message past the 7 days (a message being asked about right now waits for the next pass).
     * Per-row: each batch locks its messages in its own transaction, so instances expiring at once split them.
     */
    int run() {
        int total = 0;
        while (true) {
            long now = clock.millis();
            List<Applied> done = recorder.recordAll("system", tx -> {
                return tx.dao(ReconcileDao.class).expiring(now - ESMS_KEEPS_STATUS.toMillis(), BATCH).stream().filter(e -> !busy.contains(e.id()))
                        .map(e -> new Recorder.Entry(e.id(), new Report(now, "EXPIRED", "system", Status.EXPIRED, null,
                                null, reason(e), null, null,
                                Detail.of(json, "acceptedAt", Detail.instant(e.acceptedAt()), "lastStatus", e.status()), null)
                                .with(new Report.Facts(FailureKind.UNKNOWN, null, null, null))))
                        .toList();
            });
            for (Applied a : done) if (a.changed()) metrics.reconcileRepaired(Status.EXPIRED);
            total += done.size();
            if (done.size() < BATCH) return total; // fewer: all done, or the rest are busy until the next pass
        }
    }
    static String reason(ReconcileDao.Expiring e) {
        if (e.smsId() == null) {
            return "no final status within 7 days of acceptance; eSMS accepted it without an SMSID (a retry found the "
                    + "RequestId already taken), so it could not be asked; last known status " + e.status();
        }
        return "no final status within 7 days of acceptance, by callback or by asking eSMS (which keeps status for "
                + "7 days only); last known status " + e.status();
    }
}
