package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import tracker.esms.EsmsCodes;
import tracker.esms.SendAnswer;
import tracker.ledger.Detail;
import tracker.ledger.MessageRow;
import tracker.ledger.Report;
import tracker.ledger.Status;

/** What eSMS's answer to a send means for the message: plain rules, no I/O. */
final class SendAnswers {
    /** eSMS refuses a repeated RequestId for 24 h, so a retry after that could send the message twice. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(23);

    /** The event to record and, when the message stays (or ends) unsent, its next attempt (null: none). */
    record Next(Report report, boolean reschedule, Long nextAttemptAt) {}

    private final ObjectMapper json;
    private final boolean simulated;

    SendAnswers(ObjectMapper json, boolean simulated) {
        this.json = json;
        this.simulated = simulated;
    }

    Next report(MessageRow m, SendAnswer answer, long now) {
        boolean retry = m.attempts() > 1;
        if (answer instanceof SendAnswer.Accepted a) {
            return new Next(new Report(now, "ACCEPTED", "esms", Status.ACCEPTED, a.smsId(), null, null, "100", null,
                    Detail.of(json, "answer", Detail.tree(json, a.rawBody()), "attempt", m.attempts(),
                            "simulated", simulated ? true : null), null), false, null);
        }
        if (answer instanceof SendAnswer.Refused r && "124".equals(r.code()) && retry) {
            return new Next(new Report(now, "ACCEPTED", "esms", Status.ACCEPTED, null, null, null, r.code(), r.message(),
                    Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts(), "note",
                            "eSMS already holds this RequestId: an earlier try got through; the SMSID comes with its callback"),
                    null), false, null);
        }
        if (answer instanceof SendAnswer.Refused r) {
            return new Next(new Report(now, "REJECTED", "esms", Status.REJECTED, null, null,
                    EsmsCodes.describe(r.code(), r.message()), r.code(), r.message(),
                    Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts()), null), false, null);
        }
        return unreachable(m, (SendAnswer.Unreachable) answer, now);
    }

    private Next unreachable(MessageRow m, SendAnswer.Unreachable u, long now) {
        String source = u.code() == null ? "system" : "esms";
        if (now - m.createdAt() >= GIVE_UP_AFTER.toMillis()) {
            return new Next(new Report(now, "RETRY", source, Status.FAILED, null, null,
                    "never reached eSMS: gave up after " + m.attempts() + " attempts in 23 h (" + u.reason() + ")",
                    u.code(), null, Detail.of(json, "reason", u.reason(), "attempt", m.attempts()), null), true, null);
        }
        long next = now + backoff(m.attempts()).toMillis();
        return new Next(new Report(now, m.attempts() > 1 ? "RETRY" : "QUEUED", source, Status.QUEUED, null, null, null,
                null, null, Detail.of(json, "reason", u.reason(), "attempt", m.attempts(),
                        "nextAttemptAt", Detail.instant(next)), null), true, next);
    }

    /** 30 s, 1 min, 2 min ... capped at 15 min: quick recovery from a blip, little load on a long outage. */
    static Duration backoff(int attemptsSoFar) {
        long seconds = 30L << Math.min(Math.max(attemptsSoFar - 1, 0), 5);
        return Duration.ofSeconds(Math.min(seconds, 900));
    }
}
