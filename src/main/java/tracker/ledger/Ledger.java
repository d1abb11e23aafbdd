package tracker.ledger;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The apply step: stores one event on a message and moves its status by the rules, inside the caller's write
 * transaction. Only {@link Recorder} calls it, so send answers, callbacks, polls and our own decisions obey the
 * same rules and are counted, logged and announced alike.
 */
final class Ledger {
    private static final String CALLBACK = "callback";

    private Ledger() {}

    /** Applies {@code r} to {@code m} (as read in this transaction). */
    static Applied apply(LedgerDao dao, MessageRow m, Report r) {
        // an SMSID is one message's: another SMSID than the message's own, or one another message holds, is a clash
        boolean smsIdClash = r.smsId() != null && (m.smsId() != null ? !m.smsId().equals(r.smsId())
                : dao.messageIdBySmsId(r.smsId()).isPresent());
        if (smsIdClash && CALLBACK.equals(r.source())) {
            throw Refused.conflict("SMSID " + r.smsId() + " does not belong to this message", "SMSID");
        }
        StatusRules.Decision d = smsIdClash
                ? new StatusRules.Decision(m.statusEnum(), false, true)
                : StatusRules.decide(m.statusEnum(), r.reported());
        if (overCallbackCap(dao, m, r, d)) {
            // a flood of distinct callbacks cannot grow the table: counted on the last one, which says so
            return new Applied(m, r, dao.foldIntoLast(m.id(), CALLBACK), false, false, false, m.statusEnum());
        }
        int repeats = dao.insertEvent(new EventRow(0, m.id(), r.at(), r.type(),
                r.reported() == null ? null : r.reported().name(), r.source(), 1, d.late(), d.conflict(), r.detail(),
                r.facts().reportedAt(), 0), r.dedupeKey());
        if (repeats > 1 || smsIdClash) return new Applied(m, r, repeats, false, d.late(), d.conflict(), m.statusEnum());

        boolean changes = d.changes(m.statusEnum());
        Status next = d.next();
        String smsId = m.smsId() != null ? m.smsId() : r.smsId();
        String zaloId = m.zaloMessageId() != null ? m.zaloMessageId() : r.facts().zaloMessageId();
        Long onPhone = m.onPhoneAt() != null ? m.onPhoneAt() : r.facts().onPhoneAt(); // the first word of it stands
        String price = r.price() != null && (changes || m.price() == null) ? r.price() : m.price();
        String reason = m.failureReason(), code = m.esmsCode(), msg = m.esmsMessage(), kind = m.failureKind();
        if (changes) {
            if (next == Status.DELIVERED) reason = null;
            else if (r.failureReason() != null) reason = r.failureReason();
            if (r.esmsCode() != null) { code = r.esmsCode(); msg = r.esmsMessage(); }
            kind = next.isFailure() ? kindOf(r) : null;
        }
        Long nextAttempt = next != Status.QUEUED ? null
                : r.facts().nextAttemptAt() != null ? r.facts().nextAttemptAt() : m.nextAttemptAt();
        MessageRow updated = new MessageRow(m.id(), m.orderId(), m.phone(), m.phoneNorm(), m.templateId(), m.oaId(),
                m.campaignId(), m.params(), m.requestId(), m.requestHash(), m.sandbox(), m.simulated(), smsId,
                next.name(), code, msg, reason, price, m.attempts(), nextAttempt, m.createdAt(), Math.max(r.at(), m.updatedAt()),
                m.sendBefore(), kind, zaloId, m.resendOf(), onPhone, m.heldReason(), m.esmsRequestId());
        dao.updateMessage(updated);
        // the journey's status can only change when a message enters or leaves a final status
        if (changes && (next.isFinal() || m.statusEnum().isFinal())) touchJourney(dao, m.orderId(), r.at());
        else dao.touchActivity(m.orderId(), r.at());
        return new Applied(updated, r, repeats, changes, d.late(), d.conflict(), m.statusEnum());
    }

    /** A new distinct callback that changes nothing, on a message already holding its cap of distinct callbacks. */
    private static boolean overCallbackCap(LedgerDao dao, MessageRow m, Report r, StatusRules.Decision d) {
        if (!CALLBACK.equals(r.source()) || r.dedupeKey() == null || d.changes(m.statusEnum())) return false;
        return !CallbackLimits.storesOwnEvent(dao.eventsFrom(m.id(), CALLBACK), false) && !dao.hasEvent(m.id(), r.dedupeKey());
    }

    /**
     * Stores a new message and its first event, or answers with the message already stored under its requestId
     * (the same content) and refuses a requestId reused for other content.
     */
    static Opened open(LedgerDao dao, NewMessage n) {
        MessageRow row = n.row();
        var known = dao.messageByRequestId(row.requestId());
        if (known.isPresent()) {
            if (!known.get().requestHash().equals(row.requestHash())) {
                throw Refused.conflict("requestId " + row.requestId() + " was already used for a different message", "requestId");
            }
            return new Opened(known.get(), true);
        }
        if (row.resendOf() != null) resendable(dao, row.resendOf());
        if (row.sendBefore() != null && row.sendBefore() <= row.createdAt()) {
            throw Refused.invalid("sendBefore " + Detail.instant(row.sendBefore()) + " has already passed", "sendBefore");
        }
        dao.ensureJourney(row.orderId(), row.createdAt());
        long id = dao.insertMessage(row, n.inFlightUntil());
        Report r = n.first();
        dao.insertEvent(new EventRow(0, id, r.at(), r.type(), r.reported() == null ? null : r.reported().name(),
                r.source(), 1, false, false, r.detail(), r.facts().reportedAt(), 0), r.dedupeKey());
        String phones = dao.journey(row.orderId()).map(JourneyRow::phones).orElse("");
        if (!Arrays.asList(phones.split(",")).contains(row.phone())) {
            dao.setPhones(row.orderId(), phones.isEmpty() ? row.phone() : phones + "," + row.phone());
        }
        touchJourney(dao, row.orderId(), row.createdAt());
        return new Opened(dao.message(id).orElseThrow(), false);
    }

    /** A message may be resent once it is final and was not delivered, and only once (its step's newest counts). */
    private static void resendable(LedgerDao dao, long originalId) {
        MessageRow original = dao.message(originalId).orElseThrow(() -> Refused.unknown("no message " + originalId));
        Status s = original.statusEnum();
        if (!s.isFinal() || s == Status.DELIVERED) {
            throw Refused.conflict("message " + originalId + " is " + s + ": only a final message that was not delivered "
                    + "can be resent", "status");
        }
        dao.resendOf(originalId).ifPresent(r -> {
            throw Refused.conflict("message " + originalId + " was already resent as message " + r.id(), "id");
        });
    }

    /** Every failure has a kind; an event that does not say which is "unknown". */
    private static String kindOf(Report r) {
        return (r.facts().failureKind() != null ? r.facts().failureKind() : FailureKind.UNKNOWN).wire();
    }

    /** Recomputes the journey's status and count from its messages and moves its last activity forward. */
    static void touchJourney(LedgerDao dao, String orderId, long at) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        int total = 0;
        for (var e : dao.statusCounts(orderId).entrySet()) {
            counts.put(Status.valueOf(e.getKey()), e.getValue());
            total += e.getValue();
        }
        dao.updateJourney(orderId, Status.journeyStatus(counts), total, at);
    }
}
