package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.WriteTx;
import tracker.db.Writer;
import tracker.esms.EsmsClient;
import tracker.esms.EsmsCodes;
import tracker.esms.Lookup;
import tracker.ledger.Detail;
import tracker.ledger.FailureKind;
import tracker.ledger.LedgerDao;
import tracker.ledger.MessageRow;
import tracker.ledger.Recorder;
import tracker.ledger.Report;
import tracker.ledger.Status;

/**
 * When eSMS refuses the account itself (101, 102, 103, 140, 143) every message would fail alike: sending pauses
 * for the whole account and messages are held. Every 5 minutes one probe asks whether it can send again (the
 * balance for 103, else the oldest held message); then the held messages go out in order. The state is in the
 * database, so a restart (or another instance) knows it.
 */
public final class AccountPause {
    private static final Logger log = LoggerFactory.getLogger(AccountPause.class);
    static final Duration PROBE_EVERY = Duration.ofMinutes(5);
    private static final int BATCH = 200;

    private final Writer writer;
    private final Jdbi reads;
    private final Recorder recorder;
    private final EsmsClient esms;
    private final Clock clock;
    private final ObjectMapper json;
    private final Duration holdMax;

    public AccountPause(Writer writer, Jdbi reads, Recorder recorder, EsmsClient esms, Clock clock, ObjectMapper json,
                        Duration holdMax) {
        this.writer = writer;
        this.reads = reads;
        this.recorder = recorder;
        this.esms = esms;
        this.clock = clock;
        this.json = json;
        this.holdMax = holdMax;
    }

    public Optional<PauseDao.Paused> current() { return reads.withHandle(h -> PauseDao.current(h.getConnection())); }

    public int held() { return reads.withExtension(PauseDao.class, PauseDao::heldCount); }

    /**
     * One pass of the retry loop's: ends messages held too long, probes when due, resumes when the account can send.
     * True while sending stays paused (the loop then sends nothing else).
     */
    boolean pass(Sender sender) {
        while (expireHeld() > 0) { /* HOLD_MAX passed: failed, with the reason */ }
        Optional<PauseDao.Paused> p = writer.write(tx -> tx.dao(PauseDao.class).current());
        if (p.isEmpty()) return false;
        long now = clock.millis();
        if (now < p.get().nextProbeAt()) return true;
        // a claim, not a lease: the instance whose update moves the probe time on sends this probe, the others wait
        if (writer.write(tx -> tx.dao(PauseDao.class).claimProbe(now, now + PROBE_EVERY.toMillis())) == 0) return true;
        if ("103".equals(p.get().code())) {
            Lookup b = esms.balance();
            boolean topped = b.ok() && !b.items().isEmpty() && b.items().get(0).getOrDefault("Balance", "0").matches("\\d*[1-9]\\d*(\\.\\d+)?");
            if (!topped) return stillPaused(p.get(), now);
            resume("the balance is above 0 again");
            return false;
        }
        List<MessageRow> oldest = writer.write(tx -> tx.dao(PauseDao.class).held(1));
        if (oldest.isEmpty()) {
            resume("nothing is held");
            return false;
        }
        writer.write(tx -> { release(tx.dao(PauseDao.class), oldest.get(0), now); return null; });
        MessageRow probe = sender.claimOne(oldest.get(0).id(), now);
        if (probe == null) return true;
        MessageRow after = sender.deliver(probe);
        if (readHeld(after.id())) return true; // refused again for the account: held, and the next probe moved on
        resume("eSMS answered the probe, message " + after.id() + ", with " + after.status());
        return false;
    }

    /** Holds a message because sending is paused (or has just been): recorded as a HELD event; starts the pause. */
    void begin(WriteTx tx, MessageRow m, String code, String why, long now) {
        PauseDao dao = tx.dao(PauseDao.class);
        if (dao.current().isEmpty()) log.warn("sending paused for the account: {}", why);
        dao.pause(code, now, now + PROBE_EVERY.toMillis());
        dao.hold(m.id(), why);
    }

    private boolean readHeld(long id) {
        return writer.write(tx -> tx.dao(LedgerDao.class).message(id)).map(m -> m.heldReason() != null).orElse(false);
    }

    private boolean stillPaused(PauseDao.Paused p, long now) {
        writer.write(tx -> { tx.dao(PauseDao.class).pause(p.code(), p.since(), now + PROBE_EVERY.toMillis()); return null; });
        return true;
    }

    /** Ends the pause and lets every held message go now, in the order they came. */
    private void resume(String why) {
        long now = clock.millis();
        int n = writer.write(tx -> {
            PauseDao dao = tx.dao(PauseDao.class);
            dao.end();
            int released = 0;
            for (List<MessageRow> held = dao.held(BATCH); !held.isEmpty(); held = dao.held(BATCH)) {
                for (MessageRow m : held) release(dao, m, now);
                released += held.size();
            }
            return released;
        });
        log.info("sending resumed ({}): {} held messages go out in order", why, n);
    }

    private static void release(PauseDao dao, MessageRow m, long now) {
        dao.release(m.id(), now, "jt-" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Held longer than HOLD_MAX: FAILED, saying what held it. */
    private int expireHeld() {
        long now = clock.millis();
        return recorder.recordAll("system", tx -> tx.dao(PauseDao.class).heldSince(now - holdMax.toMillis(), BATCH).stream()
                .map(m -> new Recorder.Entry(m.id(), new Report(now, "GIVEN_UP", "system", Status.FAILED, null, null,
                        "held " + holdMax.toHours() + " h while sending was paused (" + m.heldReason() + "); not sent",
                        null, null, Detail.of(json, "heldReason", m.heldReason()), null)
                        .with(new Report.Facts(FailureKind.ACCOUNT, null, null, null)))).toList()).size();
    }

    static String words(String code, String esmsMessage) {
        return EsmsCodes.describe(code, esmsMessage) + "; sending is paused for the account until it can send again";
    }
}
