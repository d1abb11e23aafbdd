package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import tracker.db.Writer;
import tracker.esms.EsmsClient;
import tracker.esms.SendAnswer;
import tracker.ledger.Detail;
import tracker.ledger.MessageRow;
import tracker.ledger.NewMessage;
import tracker.ledger.Opened;
import tracker.ledger.Phone;
import tracker.ledger.Recorder;
import tracker.ledger.Report;
import tracker.ledger.Status;

/** Sends journey messages: store first, then call eSMS, then record its answer; retries what eSMS never got. */
public final class Sender {
    /** While a call to eSMS is in flight the retry loop leaves the message alone; after a crash it takes over. */
    static final Duration IN_FLIGHT_LEASE = Duration.ofMinutes(2);
    private static final int RETRY_BATCH = 20;

    /** A send's outcome: the HTTP status it deserves and the message. */
    public record Sent(int httpStatus, MessageRow message) {}

    private final Recorder recorder;
    private final Writer writer;
    private final EsmsClient esms;
    private final LongFunction<String> callbackUrl;
    private final Clock clock;
    private final boolean simulated;
    private final ObjectMapper json;
    private final SendAnswers answers;
    private final AccountPause pause;

    public Sender(Recorder recorder, Writer writer, EsmsClient esms, LongFunction<String> callbackUrl, Clock clock,
                  boolean simulated, ObjectMapper json, AccountPause pause) {
        this.pause = pause;
        this.recorder = recorder;
        this.writer = writer;
        this.esms = esms;
        this.callbackUrl = callbackUrl;
        this.clock = clock;
        this.simulated = simulated;
        this.json = json;
        this.answers = new SendAnswers(json, simulated);
    }

    /**
     * Stores the message, calls eSMS and records its answer; completes when that answer is committed. No thread waits
     * meanwhile: the writes go through the writer's queue and the call through OkHttp's dispatcher.
     */
    public CompletableFuture<Sent> send(SendRequest request) {
        SendRequest req = request.requestId() != null ? request
                : request.withRequestId("jt-" + UUID.randomUUID().toString().replace("-", ""));
        long now = clock.millis();
        Optional<PauseDao.Paused> paused = pause.current(); // while paused nothing is sent: the message waits, held
        Long lease = paused.isPresent() ? null : now + IN_FLIGHT_LEASE.toMillis(); // the first call follows the commit
        Long sendBefore = req.sendBefore() == null ? null : req.sendBefore().toEpochMilli();
        MessageRow row = new MessageRow(0, req.orderId(), req.phone(), req.phoneNorm(), req.templateId(), req.oaId(),
                req.campaignId(), Detail.write(json, req.params()), req.requestId(), req.fingerprint(), req.sandbox(),
                simulated, null, Status.QUEUED.name(), null, null, null, null, paused.isPresent() ? 0 : 1, lease, now, now,
                sendBefore, null, null, null, null, null, null);
        Report submitted = new Report(now, "SUBMITTED", "api", Status.QUEUED, null, null, null, null, null,
                Detail.of(json, "requestId", req.requestId(), "sandbox", req.sandbox(), "simulated", simulated ? true : null,
                        "sendBefore", Detail.instant(sendBefore)), null);
        return recorder.openLater(new NewMessage(row, lease, submitted)).thenCompose(opened -> {
            if (opened.existed()) return CompletableFuture.completedFuture(new Sent(200, opened.message()));
            if (paused.isPresent()) {
                String why = AccountPause.words(paused.get().code(), null);
                return recorder.recordLater("send", opened.message().id(), (tx, m) -> {
                    pause.begin(tx, m, paused.get().code(), why, now);
                    return answers.held(m, why, null, null, null, now);
                }).thenApply(a -> new Sent(202, a.message()));
            }
            return esms.sendAsync(call(opened.message()))
                    .thenCompose(answer -> recorder.recordLater("send", opened.message().id(), answered(opened.message(), answer)))
                    .thenApply(a -> new Sent(a.message().statusEnum() == Status.QUEUED ? 202 : 201, a.message()));
        });
    }

    /** Calls eSMS for a stored message and records the answer, waiting for both. Used by retries, probes and resends. */
    MessageRow deliver(MessageRow m) {
        return recorder.record("send", m.id(), answered(m, esms.send(call(m)))).message();
    }

    private EsmsClient.Send call(MessageRow m) {
        return new EsmsClient.Send(Phone.local(m.phoneNorm()), Detail.readList(json, m.params()), m.orderId(), m.templateId(),
                m.oaId(), m.requestIdForEsms(), m.campaignId(), callbackUrl.apply(m.id()), m.sandbox());
    }

    /** Records eSMS's answer to a send of {@code m}. */
    private Recorder.Step answered(MessageRow m, SendAnswer answer) {
        long now = clock.millis();
        return (tx, stored) -> {
            SendStatements sql = new SendStatements(tx.prepared());
            sql.answered(m.id());
            if (answer instanceof SendAnswer.Unreachable u && u.code() == null) sql.unknownOutcome(m.id());
            Report r = answers.report(m, answer, now);
            if (r.type().equals("HELD")) pause.begin(tx, m, r.esmsCode(), AccountPause.words(r.esmsCode(), r.esmsMessage()), now);
            return r;
        };
    }

    /**
     * Ends every QUEUED message whose first attempt is 23 h old or more, without calling eSMS: it forgets a
     * RequestId after 24 h, so a try now could deliver the message twice. Run before each retry pass (and so
     * first thing after a restart).
     */
    public int giveUpStale() {
        long now = clock.millis();
        long cutoff = now - SendAnswers.GIVE_UP_AFTER.toMillis();
        return recorder.recordAll("system", tx -> tx.dao(SendDao.class).stale(cutoff, now, RETRY_BATCH).stream()
                .map(m -> new Recorder.Entry(m.id(), answers.givenUp(m, now))).toList()).size();
    }

    /**
     * One pass of the retry loop: claims due messages (so no other pass, on this instance or another, takes them) and
     * sends each again. Per-row claims, not a lease: every instance sends its share, and a claim is one transaction.
     */
    public int retryDue() {
        long now = clock.millis();
        List<MessageRow> claimed = writer.write(tx -> {
            SendDao dao = tx.dao(SendDao.class);
            List<MessageRow> due = dao.dueForRetry(now, now - SendAnswers.GIVE_UP_AFTER.toMillis(), RETRY_BATCH);
            return due.stream().map(m -> claim(dao, m, now)).toList();
        });
        claimed.forEach(this::deliver);
        return claimed.size();
    }

    /** Claims one QUEUED message for a send now (the pause's probe), or null when it is no longer QUEUED or is in flight. */
    MessageRow claimOne(long id, long now) {
        return writer.write(tx -> {
            SendDao dao = tx.dao(SendDao.class);
            return dao.claimable(id, now).map(m -> claim(dao, m, now)).orElse(null);
        });
    }

    private static MessageRow claim(SendDao dao, MessageRow m, long now) {
        dao.leaseLeftOver(m.id()); // a lease still set: the attempt that took it never got its answer
        dao.scheduleAttempt(m.id(), m.attempts() + 1, now + IN_FLIGHT_LEASE.toMillis());
        dao.inFlight(m.id(), now + IN_FLIGHT_LEASE.toMillis());
        return m.withAttempt(m.attempts() + 1, now + IN_FLIGHT_LEASE.toMillis());
    }
}
