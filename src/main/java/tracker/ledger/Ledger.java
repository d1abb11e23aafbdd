package tracker.ledger;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import tracker.db.WriteTx;

/**
 * The apply step: stores one event on a message and moves its status by the rules, inside the caller's write
 * transaction. Only {@link Recorder} calls it, so send answers, callbacks, polls and our own decisions obey the
 * same rules and are counted, logged and announced alike.
 */
final class Ledger {
    private static final String CALLBACK = "callback";

    private Ledger() {}

    /** Applies {@code r} to {@code m} (as read in this transaction). */
    static Applied apply(WriteTx tx, MessageRow m, Report r) {
        LedgerStatements sql = new LedgerStatements(tx.prepared());
        // an SMSID is one message's: another SMSID than the message's own, or one another message holds, is a clash
        boolean smsIdClash = r.smsId() != null && (m.smsId() != null ? !m.smsId().equals(r.smsId())
                : sql.messageIdBySmsId(r.smsId()).isPresent());
        if (smsIdClash && CALLBACK.equals(r.source())) {
            throw Refused.conflict("SMSID " + r.smsId() + " does not belong to this message", "SMSID");
        }
        StatusRules.Decision d = smsIdClash
                ? new StatusRules.Decision(m.statusEnum(), false, true)
                : StatusRules.decide(m.statusEnum(), r.reported());
        boolean changes = d.changes(m.statusEnum());
        int repeats = sql.insertEvent(m.id(), r, d.late(), d.conflict());
        if (repeats == 1 && !changes && overCallbackCap(sql, m, r)) {
            // a flood of distinct callbacks cannot grow the table: counted on the last one, which says so
            sql.deleteEvent(m.id(), r.dedupeKey());
            return new Applied(m, r, sql.foldIntoLast(m.id(), CALLBACK), false, false, false, m.statusEnum());
        }
        if (repeats > 1 || smsIdClash) return new Applied(m, r, repeats, false, d.late(), d.conflict(), m.statusEnum());

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
        sql.updateMessage(updated);
        // the journey's status can only change when a message enters or leaves a final status
        touchJourney(tx, m.orderId(), r.at(), changes && (next.isFinal() || m.statusEnum().isFinal()));
        return new Applied(updated, r, repeats, changes, d.late(), d.conflict(), m.statusEnum());
    }

    /** A new distinct callback that changes nothing, stored beyond its message's cap of distinct callbacks. */
    private static boolean overCallbackCap(LedgerStatements sql, MessageRow m, Report r) {
        if (!CALLBACK.equals(r.source()) || r.dedupeKey() == null) return false;
        return !CallbackLimits.storesOwnEvent(sql.eventsFrom(m.id(), CALLBACK) - 1, false);
    }

    /**
     * Stores a new message and its first event, or answers with the message already stored under its requestId
     * (the same content) and refuses a requestId reused for other content.
     */
    static Opened open(WriteTx tx, NewMessage n) {
        LedgerStatements sql = new LedgerStatements(tx.prepared());
        MessageRow row = n.row();
        var known = sql.messageByRequestId(row.requestId());
        if (known.isPresent()) return known(known.get(), row);
        if (row.resendOf() != null) resendable(sql, row.resendOf());
        if (row.sendBefore() != null && row.sendBefore() <= row.createdAt()) {
            throw Refused.invalid("sendBefore " + Detail.instant(row.sendBefore()) + " has already passed", "sendBefore");
        }
        sql.ensureJourney(row.orderId(), row.createdAt());
        String phones = sql.phones(row.orderId()); // locks the journey: the phones list is read, then written
        var inserted = sql.insertMessage(row, n.inFlightUntil());
        if (inserted.isEmpty()) return known(sql.messageByRequestId(row.requestId()).orElseThrow(), row);
        long id = inserted.get();
        sql.insertEvent(id, n.first(), false, false);
        if (!Arrays.asList(phones.split(",")).contains(row.phone())) {
            sql.setPhones(row.orderId(), phones.isEmpty() ? row.phone() : phones + "," + row.phone());
        }
        touchJourney(tx, row.orderId(), row.createdAt(), true);
        return new Opened(sql.message(id).orElseThrow(), false);
    }

    /** The message already stored under the requestId: the same content answers with it, other content is refused. */
    private static Opened known(MessageRow known, MessageRow asked) {
        if (!known.requestHash().equals(asked.requestHash())) {
            throw Refused.conflict("requestId " + asked.requestId() + " was already used for a different message", "requestId");
        }
        return new Opened(known, true);
    }

    /** A message may be resent once it is final and was not delivered, and only once (its step's newest counts). */
    private static void resendable(LedgerStatements sql, long originalId) {
        MessageRow original = sql.message(originalId).orElseThrow(() -> Refused.unknown("no message " + originalId));
        Status s = original.statusEnum();
        if (!s.isFinal() || s == Status.DELIVERED) {
            throw Refused.conflict("message " + originalId + " is " + s + ": only a final message that was not delivered "
                    + "can be resent", "status");
        }
        sql.resentAs(originalId).ifPresent(r -> {
            throw Refused.conflict("message " + originalId + " was already resent as message " + r, "id");
        });
    }

    /** Every failure has a kind; an event that does not say which is "unknown". */
    private static String kindOf(Report r) {
        return (r.facts().failureKind() != null ? r.facts().failureKind() : FailureKind.UNKNOWN).wire();
    }

    /**
     * Moves the journey's last activity forward and, when a message's final status moved, recomputes its status and
     * count: once per journey at the end of the batch, however many of its messages the batch touched.
     */
    static void touchJourney(WriteTx tx, String orderId, long at, boolean recount) {
        JourneyTouch t = tx.deferred(new JourneyTouch.Key(orderId), JourneyTouch.class, () -> new JourneyTouch(orderId));
        t.add(at, recount);
    }

    /** A journey's bookkeeping, gathered over a batch. */
    static final class JourneyTouch implements WriteTx.Deferred {
        record Key(String orderId) {}

        private final String orderId;
        private long at = Long.MIN_VALUE;
        private boolean recount;

        JourneyTouch(String orderId) { this.orderId = orderId; }

        void add(long at, boolean recount) {
            this.at = Math.max(this.at, at);
            this.recount |= recount;
        }

        @Override
        public void run(WriteTx tx) {
            LedgerStatements sql = new LedgerStatements(tx.prepared());
            sql.lockJourney(orderId); // on PostgreSQL: waits for a concurrent recount, then counts what it committed
            if (!recount) {
                sql.touchActivity(orderId, at);
                return;
            }
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            int total = 0;
            for (var e : sql.statusCounts(orderId)) {
                counts.put(Status.valueOf(e.getKey()), e.getValue());
                total += e.getValue();
            }
            sql.updateJourney(orderId, Status.journeyStatus(counts), total, at);
        }
    }
}
