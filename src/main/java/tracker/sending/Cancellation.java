package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import tracker.ledger.Detail;
import tracker.ledger.MessageRow;
import tracker.ledger.Recorder;
import tracker.ledger.Refused;
import tracker.ledger.Report;
import tracker.ledger.Status;

/**
 * Cancels messages that have not reached eSMS: on request (DELETE) or when their sendBefore passes. Only a
 * QUEUED message whose eSMS call is not in flight can be cancelled; the check and the change run in one write
 * transaction, and every claim for a send runs in the same single writer, so a send and a cancel never overlap.
 */
public final class Cancellation {
    private static final int BATCH = 200;

    private final Recorder recorder;
    private final Clock clock;
    private final ObjectMapper json;

    public Cancellation(Recorder recorder, Clock clock, ObjectMapper json) {
        this.recorder = recorder;
        this.clock = clock;
        this.json = json;
    }

    /** DELETE /api/messages/{id}: the cancelled message (again on a repeat); refused once eSMS has it. */
    public MessageRow cancel(long id) {
        long now = clock.millis();
        return recorder.record("api", id, (tx, m) -> {
            if (m.statusEnum() == Status.CANCELLED) return null;
            if (m.statusEnum() != Status.QUEUED) {
                throw Refused.conflict("message " + id + " is " + m.status() + ": it reached eSMS (or ended) and can no "
                        + "longer be cancelled", "status");
            }
            Long flight = tx.dao(SendDao.class).inFlightUntil(id);
            if (flight != null && flight > now) {
                throw Refused.conflict("message " + id + " is being sent to eSMS right now; its answer decides. "
                        + "Look again in a few seconds: if it is still QUEUED it can be cancelled", "status");
            }
            return report(now, "api", "cancelled on request before it reached eSMS", m);
        }).message();
    }

    /** Cancels every QUEUED message whose sendBefore has passed (run by the retry loop before each pass). */
    public int overdue() {
        long now = clock.millis();
        return recorder.recordAll("system", tx -> tx.dao(SendDao.class).overdue(now, BATCH).stream()
                .map(m -> new Recorder.Entry(m.id(), report(now, "system", "not accepted by eSMS before its sendBefore ("
                        + Detail.instant(m.sendBefore()) + "); cancelled, eSMS will not be asked again", m)))
                .toList()).size();
    }

    private Report report(long now, String source, String reason, MessageRow m) {
        return new Report(now, "CANCELLED", source, Status.CANCELLED, null, null, reason, null, null,
                Detail.of(json, "attempts", m.attempts(), "sendBefore", Detail.instant(m.sendBefore())), null);
    }
}
