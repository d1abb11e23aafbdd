package tracker.webhooks;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tracker.account.AlertDao;
import tracker.ledger.Applied;
import tracker.ledger.Detail;
import tracker.ledger.MessageRow;
import tracker.ledger.Status;

/** The {@code data} of each event type: what a receiver needs, no phone number (it has the order and request ids). */
final class Payloads {
    private Payloads() {}

    static Map<String, Object> statusChanged(Applied a) {
        MessageRow m = a.message();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", a.report().type());
        event.put("source", a.report().source());
        event.put("at", Detail.instant(a.report().at()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("orderId", m.orderId());
        d.put("messageId", m.id());
        d.put("requestId", m.requestId());
        d.put("smsId", m.smsId());
        d.put("templateId", m.templateId());
        d.put("oaId", m.oaId());
        d.put("previousStatus", a.before().name());
        d.put("status", m.status());
        d.put("event", event);
        d.put("failureKind", m.failureKind());
        d.put("failureReason", m.failureReason());
        d.put("price", m.price());
        return d;
    }

    static Map<String, Object> journeyCompleted(String orderId, String was, String is, Map<Status, Integer> counts, BigDecimal price) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        int total = 0;
        for (var e : counts.entrySet()) {
            byStatus.put(e.getKey().name(), e.getValue());
            total += e.getValue();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("orderId", orderId);
        d.put("previousStatus", was);
        d.put("status", is);
        d.put("messageCount", total);
        d.put("counts", byStatus);
        d.put("price", price.toPlainString()); // as the journey API shows it
        return d;
    }

    /** {@code endedAt} null: the alert began. */
    static Map<String, Object> alert(AlertDao.Alert a, Long endedAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", endedAt == null ? "began" : "ended");
        d.put("kind", a.kind());
        d.put("oaId", a.oaId());
        d.put("templateId", a.templateId().isEmpty() ? null : a.templateId());
        d.put("code", a.code());
        d.put("reason", a.reason());
        d.put("since", Detail.instant(a.since()));
        d.put("endedAt", Detail.instant(endedAt));
        d.put("messagesHit", a.hits());
        return d;
    }

    static Map<String, Object> test(long endpointId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("endpointId", endpointId);
        d.put("message", "a test event: your endpoint receives and verifies webhooks");
        return d;
    }
}
