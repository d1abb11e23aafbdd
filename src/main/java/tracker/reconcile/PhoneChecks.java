package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tracker.db.Writer;
import tracker.esms.EsmsClient;
import tracker.esms.Lookup;
import tracker.ledger.Detail;
import tracker.ledger.Recorder;
import tracker.ledger.Report;

/**
 * DELIVERED means Zalo accepted the message for the customer; whether it reached the phone is a later fact. A few
 * minutes after delivery, and then twice as far apart (up to 2 h) for 24 h, eSMS is asked (GetZaloMessageStatus,
 * under its 30 requests/s); the answer "on the phone" is recorded as a PHONE event and the message's onPhoneAt.
 */
public final class PhoneChecks {
    static final Duration FIRST_AFTER = Duration.ofMinutes(3);
    static final Duration MAX_SPACING = Duration.ofHours(2);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final int BATCH = 50;

    private final Writer writer;
    private final Recorder recorder;
    private final EsmsClient esms;
    private final Clock clock;
    private final ObjectMapper json;
    private final RateLimiter rate = new RateLimiter(25);

    public PhoneChecks(Writer writer, Recorder recorder, EsmsClient esms, Clock clock, ObjectMapper json) {
        this.writer = writer;
        this.recorder = recorder;
        this.esms = esms;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Asks about every message whose question is due; stops at the first time eSMS cannot be reached. Returns how many
     * it asked. Per-row claims (the claim moves each one's next question on): instances split the due messages.
     */
    public int pass() {
        long now = clock.millis();
        List<PhoneDao.Pending> due = writer.write(tx -> {
            PhoneDao dao = tx.dao(PhoneDao.class);
            List<PhoneDao.Pending> list = dao.due(now, now - GIVE_UP_AFTER.toMillis(), now - FIRST_AFTER.toMillis(), BATCH);
            for (PhoneDao.Pending p : list) dao.asked(p.id(), now + spacing(p.phoneChecks()).toMillis());
            return list;
        });
        int asked = 0;
        for (PhoneDao.Pending p : due) {
            rate.acquire();
            Lookup answer = esms.onPhone(p.oaId(), p.zaloMessageId());
            if (answer.code() == null) return asked; // unreachable: each is asked again after its spacing
            asked++;
            if (answer.ok() && !answer.items().isEmpty()) record(p, answer.items().get(0), now);
        }
        return asked;
    }

    static Duration spacing(int checksSoFar) {
        Duration d = FIRST_AFTER.multipliedBy(1L << Math.min(checksSoFar + 1, 10));
        return d.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : d;
    }

    private void record(PhoneDao.Pending p, Map<String, String> data, long now) {
        if (!"1".equals(data.get("status"))) return; // 0: on Zalo's server, not yet on the phone; -1: unknown
        String time = data.getOrDefault("delivery_time", "");
        long at = time.matches("\\d{10,15}") ? Long.parseLong(time) : now;
        recorder.record("phone", p.id(), new Report(now, "PHONE", "poll", null, null, null, null, null, null,
                Detail.of(json, "call", "GetZaloMessageStatus", "status", 1, "onPhoneAt", Detail.instant(at),
                        "message", data.get("message")), null)
                .with(new Report.Facts(null, null, null, null, at)));
    }
}
