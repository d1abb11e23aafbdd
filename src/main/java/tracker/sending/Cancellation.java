package tracker.sending;

import tracker.ledger.Status;
import tracker.ledger.Ledger;
import tracker.ledger.MessageRow;
import tracker.ledger.JourneyDao;
import tracker.ledger.Detail;
import tracker.ledger.Phone;
import tracker.ledger.Events;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.ApiError;
import tracker.db.Writer;
import tracker.ops.Metrics;

/**
 * Cancels messages that have not reached eSMS: on request (DELETE) or when their sendBefore passes. Only a
 * QUEUED message whose eSMS call is not in flight can be cancelled; the check and the change run in one write
 * transaction, and every claim for a send runs in the same single writer, so a send and a cancel never overlap.
 */
public final class Cancellation {
    private static final Logger log = LoggerFactory.getLogger(Cancellation.class);
    private static final int BATCH = 200;

    private final Writer writer;
    private final Clock clock;
    private final ObjectMapper json;
    private final Events events;
    private final Metrics metrics;

    public Cancellation(Writer writer, Clock clock, ObjectMapper json, Events events, Metrics metrics) {
        this.writer = writer;
        this.clock = clock;
        this.json = json;
        this.events = events;
        this.metrics = metrics;
    }

    /** DELETE /api/messages/{id}: 200 with the cancelled message (again on a repeat), 409 once eSMS has it. */
    public MessageRow cancel(long id) {
        long now = clock.millis();
        Ledger.Applied a = writer.write(tx -> {
            JourneyDao dao = tx.dao(JourneyDao.class);
            MessageRow m = dao.message(id).orElseThrow(() -> ApiError.notFound("no message " + id));
            if (m.statusEnum() == Status.CANCELLED) return new Ledger.Applied(m, 1, false, false, false, Status.CANCELLED);
            if (m.statusEnum() != Status.QUEUED) {
                throw ApiError.conflict("message " + id + " is " + m.status() + ": it reached eSMS (or ended) and can no "
                        + "longer be cancelled", "status");
            }
            Long flight = dao.inFlightUntil(id);
            if (flight != null && flight > now) {
                throw ApiError.conflict("message " + id + " is being sent to eSMS right now; its answer decides. "
                        + "Look again in a few seconds: if it is still QUEUED it can be cancelled", "status");
            }
            return Ledger.apply(dao, id, report(now, "api", "cancelled on request before it reached eSMS", m));
        });
        done(a, "api");
        return a.message();
    }

    /** Cancels every QUEUED message whose sendBefore has passed (run by the retry loop before each pass). */
    public int overdue() {
        long now = clock.millis();
        List<Ledger.Applied> done = writer.write(tx -> {
            JourneyDao dao = tx.dao(JourneyDao.class);
            List<Ledger.Applied> out = new ArrayList<>();
            for (MessageRow m : dao.overdue(now, BATCH)) {
                out.add(Ledger.apply(dao, m.id(), report(now, "system", "not accepted by eSMS before its sendBefore ("
                        + Detail.instant(m.sendBefore()) + "); cancelled, eSMS will not be asked again", m)));
            }
            return out;
        });
        for (Ledger.Applied a : done) done(a, "system");
        return done.size();
    }

    private Ledger.Report report(long now, String source, String reason, MessageRow m) {
        return new Ledger.Report(now, "CANCELLED", source, Status.CANCELLED, null, null, reason, null, null,
                Detail.of(json, "attempts", m.attempts(), "sendBefore", Detail.instant(m.sendBefore())), null);
    }

    private void done(Ledger.Applied a, String source) {
        metrics.applied(source, a);
        if (!a.changed()) return;
        MessageRow m = a.message();
        log.info("cancel order={} message={} phone={} by {} after {} attempts", m.orderId(), m.id(), Phone.mask(m.phone()),
                source, m.attempts());
        events.changed(m.orderId());
    }
}
