package tracker.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.account.AlertDao;
import tracker.account.Alerts;
import tracker.db.StorageUnavailable;
import tracker.db.WriteTx;
import tracker.ledger.Applied;
import tracker.ledger.Detail;
import tracker.ledger.MessageRow;
import tracker.ledger.Recorder;
import tracker.ledger.Status;

/**
 * The durable outbox: in the transaction of each change, stores the events some endpoint wants with one delivery per
 * such endpoint, so a crash can neither lose an event nor send one for a change that was rolled back.
 */
public final class Outbox implements Recorder.Within, Recorder.Tally, Alerts.Watcher {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Set<String> JOURNEY_FINAL = Set.of("DELIVERED", "FAILED", "CANCELLED", "VALIDATED");

    private final Endpoints endpoints;
    private final ObjectMapper json;
    private final Runnable nudge;

    Outbox(Endpoints endpoints, ObjectMapper json, Runnable nudge) {
        this.endpoints = endpoints;
        this.json = json;
        this.nudge = nudge;
    }

    @Override
    public void recorded(WriteTx tx, Applied a) {
        Set<String> wanted = endpoints.wanted();
        if (wanted.isEmpty()) return;
        try {
            boolean statusMoved = a.changed() && a.before() != null;
            if (statusMoved && wanted.contains(Endpoints.STATUS_CHANGED)) {
                MessageRow m = a.message();
                add(tx, Endpoints.STATUS_CHANGED, m.orderId(), a.report().at(), Payloads.statusChanged(a));
            }
            // a journey's status moves only when a message enters or leaves a final status (a new one only makes it active)
            boolean journeyMayMove = statusMoved && (a.before().isFinal() || a.message().statusEnum().isFinal());
            if (journeyMayMove && wanted.contains(Endpoints.JOURNEY_COMPLETED)) journey(tx, a);
        } catch (RuntimeException e) {
            if (StorageUnavailable.isFault(e)) throw e;
            // a bug here must not refuse the callback or send that carries the change: logged, the event is lost
            log.error("webhook event for message {} not stored", a.message().id(), e);
        }
    }

    /** After the commit of a change: deliver its events now, not at the next tick. */
    @Override
    public void applied(String via, Applied a) {
        if (a.changed() && !endpoints.wanted().isEmpty()) nudge.run();
    }

    @Override public boolean listening() { return endpoints.wanted().contains(Endpoints.ACCOUNT_ALERT); }

    @Override
    public void alert(WriteTx tx, AlertDao.Alert alert, Long endedAt) {
        add(tx, Endpoints.ACCOUNT_ALERT, "", endedAt != null ? endedAt : alert.since(), Payloads.alert(alert, endedAt));
    }

    @Override public void committed() { nudge.run(); }

    /** The journey's status before this change (its messages with this one as it was) and after; an event if it became final. */
    private void journey(WriteTx tx, Applied a) {
        MessageRow m = a.message();
        Map<Status, Integer> now = new EnumMap<>(Status.class);
        BigDecimal price = BigDecimal.ZERO;
        boolean counted = false;
        for (WebhookDao.JourneyMessage jm : tx.dao(WebhookDao.class).journeyMessages(m.orderId())) {
            if (jm.counted()) now.merge(Status.valueOf(jm.status()), 1, Integer::sum);
            if (jm.counted() && jm.id() == m.id()) counted = true;
            if (jm.price() != null) price = price.add(new BigDecimal(jm.price()));
        }
        if (!counted) return; // a resent message's status no longer moves its journey
        Map<Status, Integer> before = new EnumMap<>(now);
        before.computeIfPresent(m.statusEnum(), (k, n) -> n > 1 ? n - 1 : null); // no zero counts: journeyStatus reads keys
        before.merge(a.before(), 1, Integer::sum);
        String was = Status.journeyStatus(before), is = Status.journeyStatus(now);
        if (is.equals(was) || !JOURNEY_FINAL.contains(is)) return;
        add(tx, Endpoints.JOURNEY_COMPLETED, m.orderId(), a.report().at(), Payloads.journeyCompleted(m.orderId(), was, is, now, price));
    }

    /** Stores one event for every enabled endpoint that wants its type (read in this transaction). */
    void add(WriteTx tx, String type, String orderKey, long at, Map<String, Object> data) {
        WebhookDao dao = tx.dao(WebhookDao.class);
        List<WebhookDao.Endpoint> to = dao.endpoints().stream().filter(e -> e.wants(type)).toList();
        if (to.isEmpty()) return;
        long id = dao.insertMessage(Signature.newMessageId(), type, body(type, at, data), at);
        for (WebhookDao.Endpoint e : to) dao.insertDelivery(id, e.id(), orderKey, at);
    }

    /** A Standard Webhooks payload: type, timestamp and data. */
    String body(String type, long at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", Detail.instant(at));
        body.put("data", data);
        return Detail.write(json, body);
    }
}
