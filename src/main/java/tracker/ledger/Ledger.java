package tracker.ledger;

import java.util.EnumMap;
import java.util.Map;
import tracker.ApiError;

/**
 * Records one event on a message and applies the status rules, inside the caller's write transaction.
 * Send answers, callbacks and polls all come through here, so they obey the same rules.
 */
public final class Ledger {
    private Ledger() {}

    /** What an event says. {@code reported} may be null (an event that reports no status). */
    public record Report(long at, String type, String source, Status reported, String smsId, String price,
                         String failureReason, String esmsCode, String esmsMessage, String detail, String dedupeKey) {}

    /** The message after the event, how many identical copies of the event we now hold, whether it changed and from what. */
    public record Applied(MessageRow message, int repeats, boolean changed, boolean late, boolean conflict, Status before) {}

    public static Applied apply(JourneyDao dao, long messageId, Report r) {
        MessageRow m = dao.message(messageId).orElseThrow(() -> ApiError.notFound("no message " + messageId));
        boolean smsIdClash = r.smsId() != null && m.smsId() != null && !m.smsId().equals(r.smsId());
        if (smsIdClash && "callback".equals(r.source())) {
            throw ApiError.conflict("SMSID " + r.smsId() + " does not belong to this message", "SMSID");
        }
        StatusRules.Decision d = smsIdClash
                ? new StatusRules.Decision(m.statusEnum(), false, true)
                : StatusRules.decide(m.statusEnum(), r.reported());
        int repeats = dao.insertEvent(new EventRow(0, messageId, r.at(), r.type(),
                r.reported() == null ? null : r.reported().name(), r.source(), 1, d.late(), d.conflict(), r.detail()),
                r.dedupeKey());
        if (repeats > 1 || smsIdClash) return new Applied(m, repeats, false, d.late(), d.conflict(), m.statusEnum());

        boolean changes = d.changes(m.statusEnum());
        Status next = d.next();
        String smsId = m.smsId() != null ? m.smsId() : r.smsId();
        String price = r.price() != null && (changes || m.price() == null) ? r.price() : m.price();
        String reason = m.failureReason(), code = m.esmsCode(), msg = m.esmsMessage();
        if (changes) {
            if (next == Status.DELIVERED) reason = null;
            else if (r.failureReason() != null) reason = r.failureReason();
            if (r.esmsCode() != null) { code = r.esmsCode(); msg = r.esmsMessage(); }
        }
        Long nextAttempt = next == Status.QUEUED ? m.nextAttemptAt() : null;
        MessageRow updated = new MessageRow(m.id(), m.orderId(), m.phone(), m.phoneNorm(), m.templateId(), m.oaId(),
                m.campaignId(), m.params(), m.requestId(), m.requestHash(), m.sandbox(), m.simulated(), smsId,
                next.name(), code, msg, reason, price, m.attempts(), nextAttempt, m.createdAt(), Math.max(r.at(), m.updatedAt()),
                m.sendBefore());
        dao.updateMessage(updated);
        // the journey's status can only change when a message enters or leaves a final status
        if (changes && (next.isFinal() || m.statusEnum().isFinal())) touchJourney(dao, m.orderId(), r.at());
        else dao.touchActivity(m.orderId(), r.at());
        return new Applied(updated, repeats, changes, d.late(), d.conflict(), m.statusEnum());
    }

    /** Recomputes the journey's status and count from its messages and moves its last activity forward. */
    public static void touchJourney(JourneyDao dao, String orderId, long at) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        int total = 0;
        for (var e : dao.statusCounts(orderId).entrySet()) {
            counts.put(Status.valueOf(e.getKey()), e.getValue());
            total += e.getValue();
        }
        dao.updateJourney(orderId, Status.journeyStatus(counts), total, at);
    }
}
