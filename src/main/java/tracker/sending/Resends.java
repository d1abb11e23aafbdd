package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import tracker.db.Leases;
import tracker.db.Writer;
import tracker.ledger.Detail;
import tracker.ledger.FailureKind;
import tracker.ledger.LedgerDao;
import tracker.ledger.MessageRow;
import tracker.ledger.NewMessage;
import tracker.ledger.Recorder;
import tracker.ledger.Refused;
import tracker.ledger.Report;
import tracker.ledger.Status;

/**
 * A resend is a new message in the same step, with a fresh RequestId and {@code resendOf}: by hand for a message
 * that failed, or by itself at 06:00 for one Zalo refused at night (-133).
 */
public final class Resends {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalTime MORNING = LocalTime.of(6, 0), NIGHT = LocalTime.of(22, 0);
    private static final int BATCH = 50;
    static final String NIGHT_LEASE = "night-resends";
    private static final Duration NIGHT_LEASE_TIME = Duration.ofMinutes(1);

    private final Sender sender;
    private final Recorder recorder;
    private final Writer writer;
    private final Clock clock;
    private final ObjectMapper json;
    private final boolean atNight;
    private final Leases leases;

    /** {@code atNight}: NIGHT_RESEND, whether a -133 message goes again by itself at 06:00. */
    public Resends(Sender sender, Recorder recorder, Writer writer, Clock clock, ObjectMapper json, boolean atNight,
                   Leases leases) {
        this.leases = leases;
        this.sender = sender;
        this.recorder = recorder;
        this.writer = writer;
        this.clock = clock;
        this.json = json;
        this.atNight = atNight;
    }

    /** POST /api/messages/{id}/resend: sends a final, undelivered message again as a new message of its step. */
    public Sender.Sent resend(long id, boolean confirmDuplicateRisk) {
        MessageRow original = writer.write(tx -> tx.dao(LedgerDao.class).message(id))
                .orElseThrow(() -> Refused.unknown("no message " + id));
        if (FailureKind.TRANSIENT.wire().equals(original.failureKind()) && !confirmDuplicateRisk) {
            throw Refused.conflict("message " + id + " never reached eSMS for sure: an earlier try may have got through, "
                    + "so a resend may deliver it twice; send {\"confirmDuplicateRisk\": true} to resend anyway",
                    "confirmDuplicateRisk");
        }
        long now = clock.millis();
        long lease = now + Sender.IN_FLIGHT_LEASE.toMillis();
        MessageRow after = sender.deliver(open(original, now, lease, lease, 1, "resent on request"));
        return new Sender.Sent(after.statusEnum() == Status.QUEUED ? 202 : 201, after);
    }

    /** One pass: every message Zalo refused at night gets one resend for the next 06:00 (unless its sendBefore is earlier). */
    public int nightPass() {
        // a whole-loop lease: a resend is opened and its RESCHEDULED event recorded in two writes, so no row claim spans both
        if (!atNight || !leases.hold(NIGHT_LEASE, NIGHT_LEASE_TIME)) return 0;
        long now = clock.millis();
        var blocked = writer.write(tx -> tx.dao(SendDao.class).nightBlocked(BATCH));
        for (MessageRow m : blocked) {
            long at = allowedFrom(now);
            if (m.sendBefore() != null && m.sendBefore() <= at) {
                recorder.record("system", m.id(), new Report(now, "NOT_RESCHEDULED", "system", null, null, null, null, null,
                        null, Detail.of(json, "reason", "its sendBefore (" + Detail.instant(m.sendBefore()) + ") passes before "
                                + Detail.instant(at)), null));
                continue;
            }
            // the retry loop sends it when its time comes, as attempt 1
            MessageRow resend = open(m, now, null, at, 0, "Zalo refuses this template at night (-133): sent again at "
                    + Detail.instant(at));
            recorder.record("system", m.id(), new Report(now, "RESCHEDULED", "system", null, null, null, null, null, null,
                    Detail.of(json, "resend", resend.id(), "at", Detail.instant(at)), null));
        }
        return blocked.size();
    }

    /** Now when Zalo allows the template now (06:00 to 22:00 Vietnam time), else the next 06:00. */
    static long allowedFrom(long now) {
        ZonedDateTime t = Instant.ofEpochMilli(now).atZone(VIETNAM);
        LocalTime time = t.toLocalTime();
        if (!time.isBefore(MORNING) && time.isBefore(NIGHT)) return now;
        ZonedDateTime six = t.with(MORNING);
        return (time.isBefore(MORNING) ? six : six.plusDays(1)).toInstant().toEpochMilli();
    }

    private MessageRow open(MessageRow o, long now, Long inFlightUntil, long nextAttemptAt, int attempts, String why) {
        String requestId = "jt-" + UUID.randomUUID().toString().replace("-", "");
        MessageRow row = new MessageRow(0, o.orderId(), o.phone(), o.phoneNorm(), o.templateId(), o.oaId(), o.campaignId(),
                o.params(), requestId, "resend-of-" + o.id(), o.sandbox(), o.simulated(), null, Status.QUEUED.name(), null,
                null, null, null, attempts, nextAttemptAt, now, now, o.sendBefore(), null, null, o.id(), null, null, null);
        Report submitted = new Report(now, "SUBMITTED", "api", Status.QUEUED, null, null, null, null, null,
                Detail.of(json, "requestId", requestId, "resendOf", o.id(), "why", why, "sandbox", o.sandbox() ? true : null),
                null);
        return recorder.open(new NewMessage(row, inFlightUntil, submitted)).message();
    }
}
