package tracker.sending;

import tracker.ledger.Status;
import tracker.ledger.Ledger;
import tracker.ledger.EventRow;
import tracker.ledger.MessageRow;
import tracker.ledger.JourneyRow;
import tracker.ledger.JourneyDao;
import tracker.ledger.Detail;
import tracker.ledger.Phone;
import tracker.ledger.Events;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.ApiError;
import tracker.db.Writer;
import tracker.esms.EsmsClient;
import tracker.esms.EsmsCodes;
import tracker.esms.SendAnswer;
import tracker.ops.Metrics;

/** Sends journey messages: store first, then call eSMS, then record its answer; retries what eSMS never got. */
public final class JourneyService {
    private static final Logger log = LoggerFactory.getLogger(JourneyService.class);
    /** While a call to eSMS is in flight the retry loop leaves the message alone; after a crash it takes over. */
    static final Duration IN_FLIGHT_LEASE = Duration.ofMinutes(2);
    /** eSMS refuses a repeated RequestId for 24 h, so a retry after that could send the message twice. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(23);

    /** A send's outcome: the HTTP status it deserves and the message. */
    public record Sent(int httpStatus, MessageRow message) {}

    private record Stored(MessageRow message, boolean existed) {}

    private final Writer writer;
    private final EsmsClient esms;
    private final LongFunction<String> callbackUrl;
    private final Clock clock;
    private final boolean simulated;
    private final ObjectMapper json;
    private final Events events;
    private final Metrics metrics;

    public JourneyService(Writer writer, EsmsClient esms, LongFunction<String> callbackUrl, Clock clock,
                          boolean simulated, ObjectMapper json, Events events, Metrics metrics) {
        this.metrics = metrics;
        this.writer = writer;
        this.esms = esms;
        this.callbackUrl = callbackUrl;
        this.clock = clock;
        this.simulated = simulated;
        this.json = json;
        this.events = events;
    }

    public Sent send(SendRequest request) {
        SendRequest req = request.requestId() != null ? request
                : request.withRequestId("jt-" + UUID.randomUUID().toString().replace("-", ""));
        long now = clock.millis();
        String hash = req.fingerprint();
        String params = Detail.write(json, req.params());
        Stored stored = writer.write(tx -> {
            JourneyDao dao = tx.dao(JourneyDao.class);
            var known = dao.messageByRequestId(req.requestId());
            if (known.isPresent()) {
                if (!known.get().requestHash().equals(hash)) {
                    throw ApiError.conflict("requestId " + req.requestId() + " was already used for a different message", "requestId");
                }
                return new Stored(known.get(), true);
            }
            if (req.sendBefore() != null && req.sendBefore().toEpochMilli() <= now) {
                throw ApiError.badRequest("sendBefore " + req.sendBefore() + " has already passed", "sendBefore");
            }
            dao.ensureJourney(req.orderId(), now);
            long id = dao.insertMessage(new MessageRow(0, req.orderId(), req.phone(), req.phoneNorm(), req.templateId(),
                    req.oaId(), req.campaignId(), params, req.requestId(), hash, req.sandbox(), simulated, null,
                    Status.QUEUED.name(), null, null, null, null, 1, now + IN_FLIGHT_LEASE.toMillis(), now, now,
                    req.sendBefore() == null ? null : req.sendBefore().toEpochMilli()));
            dao.inFlight(id, now + IN_FLIGHT_LEASE.toMillis()); // the first call to eSMS follows this commit
            dao.insertEvent(new EventRow(0, id, now, "SUBMITTED", "QUEUED", "api", 1, false, false,
                    Detail.of(json, "requestId", req.requestId(), "sandbox", req.sandbox(), "simulated", simulatedFlag(),
                            "sendBefore", req.sendBefore() == null ? null : Detail.instant(req.sendBefore().toEpochMilli()))), null);
            addPhone(dao, req.orderId(), req.phone());
            Ledger.touchJourney(dao, req.orderId(), now);
            return new Stored(dao.message(id).orElseThrow(), false);
        });
        if (stored.existed()) return new Sent(200, stored.message());
        events.changed(req.orderId());
        MessageRow after = deliver(stored.message());
        return new Sent(after.statusEnum() == Status.QUEUED ? 202 : 201, after);
    }

    /** Calls eSMS for a stored message and records the answer. Used by the first send and by every retry. */
    MessageRow deliver(MessageRow m) {
        SendAnswer answer = esms.send(new EsmsClient.Send(Phone.local(m.phoneNorm()), Detail.readList(json, m.params()),
                m.orderId(), m.templateId(), m.oaId(), m.requestId(), m.campaignId(), callbackUrl.apply(m.id()), m.sandbox()));
        long now = clock.millis();
        Ledger.Applied applied = writer.write(tx -> record(tx.dao(JourneyDao.class), m, answer, now));
        metrics.applied("send", applied);
        MessageRow after = applied.message();
        log.info("send order={} message={} phone={} attempt={} -> {} smsId={}", m.orderId(), m.id(),
                Phone.mask(m.phone()), m.attempts(), after.status(), after.smsId());
        events.changed(m.orderId());
        return after;
    }

    private Ledger.Applied record(JourneyDao dao, MessageRow m, SendAnswer answer, long now) {
        boolean retry = m.attempts() > 1;
        dao.inFlight(m.id(), null); // the answer is in: a cancel may now decide
        Ledger.Report report;
        if (answer instanceof SendAnswer.Accepted a) {
            report = new Ledger.Report(now, "ACCEPTED", "esms", Status.ACCEPTED, a.smsId(), null, null, "100", null,
                    Detail.of(json, "answer", Detail.tree(json, a.rawBody()), "attempt", m.attempts(), "simulated", simulatedFlag()), null);
        } else if (answer instanceof SendAnswer.Refused r && "124".equals(r.code()) && retry) {
            report = new Ledger.Report(now, "ACCEPTED", "esms", Status.ACCEPTED, null, null, null, r.code(), r.message(),
                    Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts(), "note",
                            "eSMS already holds this RequestId: an earlier try got through; the SMSID comes with its callback"), null);
        } else if (answer instanceof SendAnswer.Refused r) {
            report = new Ledger.Report(now, "REJECTED", "esms", Status.REJECTED, null, null,
                    EsmsCodes.describe(r.code(), r.message()), r.code(), r.message(),
                    Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts()), null);
        } else {
            report = unreachable(dao, m, (SendAnswer.Unreachable) answer, now);
        }
        return Ledger.apply(dao, m.id(), report);
    }

    private Ledger.Report unreachable(JourneyDao dao, MessageRow m, SendAnswer.Unreachable u, long now) {
        String source = u.code() == null ? "system" : "esms";
        if (now - m.createdAt() >= GIVE_UP_AFTER.toMillis()) {
            dao.scheduleAttempt(m.id(), m.attempts(), null);
            return new Ledger.Report(now, "RETRY", source, Status.FAILED, null, null,
                    "never reached eSMS: gave up after " + m.attempts() + " attempts in 23 h (" + u.reason() + ")",
                    u.code(), null, Detail.of(json, "reason", u.reason(), "attempt", m.attempts()), null);
        }
        long next = now + backoff(m.attempts()).toMillis();
        dao.scheduleAttempt(m.id(), m.attempts(), next);
        return new Ledger.Report(now, m.attempts() > 1 ? "RETRY" : "QUEUED", source, Status.QUEUED, null, null, null,
                null, null, Detail.of(json, "reason", u.reason(), "attempt", m.attempts(),
                        "nextAttemptAt", Detail.instant(next)), null);
    }

    /** 30 s, 1 min, 2 min ... capped at 15 min: quick recovery from a blip, little load on a long outage. */
    static Duration backoff(int attemptsSoFar) {
        long seconds = 30L << Math.min(Math.max(attemptsSoFar - 1, 0), 5);
        return Duration.ofSeconds(Math.min(seconds, 900));
    }

    /** One pass of the retry loop: claims due messages (so no other pass takes them) and sends each again. */
    public int retryDue() {
        long now = clock.millis();
        var due = writer.write(tx -> {
            JourneyDao dao = tx.dao(JourneyDao.class);
            var list = dao.dueForRetry(now, 20);
            for (MessageRow m : list) {
                dao.scheduleAttempt(m.id(), m.attempts() + 1, now + IN_FLIGHT_LEASE.toMillis());
                dao.inFlight(m.id(), now + IN_FLIGHT_LEASE.toMillis());
            }
            return list;
        });
        for (MessageRow m : due) {
            MessageRow claimed = writer.write(tx -> tx.dao(JourneyDao.class).message(m.id()).orElseThrow());
            deliver(claimed);
        }
        return due.size();
    }

    /** Marks events of simulated sends, so nobody mistakes them for real deliveries (absent when real). */
    private Boolean simulatedFlag() { return simulated ? Boolean.TRUE : null; }

    private static void addPhone(JourneyDao dao, String orderId, String phone) {
        String phones = dao.journey(orderId).map(JourneyRow::phones).orElse("");
        if (!java.util.Arrays.asList(phones.split(",")).contains(phone)) {
            dao.setPhones(orderId, phones.isEmpty() ? phone : phones + "," + phone);
        }
    }
}
