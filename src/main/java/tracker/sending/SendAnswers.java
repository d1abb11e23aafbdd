package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import tracker.esms.EsmsCodes;
import tracker.esms.SendAnswer;
import tracker.ledger.Detail;
import tracker.ledger.FailureKind;
import tracker.ledger.MessageRow;
import tracker.ledger.Report;
import tracker.ledger.Status;

/** What eSMS's answer to a send means for the message: plain rules, no I/O. */
final class SendAnswers {
    /** eSMS refuses a repeated RequestId for 24 h, so a retry after that could send the message twice. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(23);
    static final String NEVER_REACHED = "never reached eSMS within eSMS's 24 h duplicate window";

    private final ObjectMapper json;
    private final boolean simulated;

    SendAnswers(ObjectMapper json, boolean simulated) {
        this.json = json;
        this.simulated = simulated;
    }

    /** The event to record for {@code answer} to attempt {@code m.attempts()}. */
    Report report(MessageRow m, SendAnswer answer, long now) {
        boolean retry = m.attempts() > 1;
        if (answer instanceof SendAnswer.Accepted a) {
            // a sandbox send is only checked: eSMS never reports on it, so it ends here
            Status status = m.sandbox() ? Status.VALIDATED : Status.ACCEPTED;
            return new Report(now, "ACCEPTED", "esms", status, a.smsId(), null, null, "100", null,
                    Detail.of(json, "answer", Detail.tree(json, a.rawBody()), "attempt", m.attempts(),
                            "simulated", simulated ? true : null), null);
        }
        if (answer instanceof SendAnswer.Refused r && "124".equals(r.code()) && retry) {
            return new Report(now, "ACCEPTED", "esms", m.sandbox() ? Status.VALIDATED : Status.ACCEPTED, null, null, null,
                    r.code(), r.message(), Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts(),
                            "note", "eSMS already holds this RequestId: an earlier try got through; the SMSID comes with its callback"),
                    null);
        }
        if (answer instanceof SendAnswer.Refused r && EsmsCodes.kind(r.code()) == FailureKind.ACCOUNT) {
            return held(m, EsmsCodes.describe(r.code(), r.message()), r.code(), r.message(),
                    Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts()), now);
        }
        if (answer instanceof SendAnswer.Refused r) {
            return new Report(now, "REJECTED", "esms", Status.REJECTED, null, null,
                    EsmsCodes.describe(r.code(), r.message()), r.code(), r.message(),
                    Detail.of(json, "answer", Detail.tree(json, r.rawBody()), "attempt", m.attempts()), null)
                    .with(new Report.Facts(EsmsCodes.kind(r.code()), null, null, null));
        }
        return unreachable(m, (SendAnswer.Unreachable) answer, now);
    }

    private Report unreachable(MessageRow m, SendAnswer.Unreachable u, long now) {
        String source = u.code() == null ? "system" : "esms";
        if (now - m.createdAt() >= GIVE_UP_AFTER.toMillis()) {
            return new Report(now, "RETRY", source, Status.FAILED, null, null,
                    NEVER_REACHED + ": gave up after " + m.attempts() + " attempts (" + u.reason() + ")",
                    u.code(), null, Detail.of(json, "reason", u.reason(), "attempt", m.attempts()), null)
                    .with(new Report.Facts(FailureKind.TRANSIENT, null, null, null));
        }
        long next = now + backoff(m.attempts()).toMillis();
        return new Report(now, m.attempts() > 1 ? "RETRY" : "QUEUED", source, Status.QUEUED, null, null, null,
                null, null, Detail.of(json, "reason", u.reason(), "attempt", m.attempts(),
                        "nextAttemptAt", Detail.instant(next)), null)
                .with(new Report.Facts(null, null, null, next));
    }

    /** The account cannot send: the message waits, QUEUED, for the pause to end (never burnt as REJECTED). */
    Report held(MessageRow m, String why, String code, String esmsMessage, String detail, long now) {
        return new Report(now, "HELD", code == null ? "system" : "esms", Status.QUEUED, null, null, null, code, esmsMessage,
                detail != null ? detail : Detail.of(json, "reason", why), null);
    }

    /** A QUEUED message too old to send again: eSMS may have taken an earlier try and would not know a repeat. */
    Report givenUp(MessageRow m, long now) {
        return new Report(now, "GIVEN_UP", "system", Status.FAILED, null, null,
                NEVER_REACHED + ": not sent again " + (now - m.createdAt()) / 3_600_000 + " h after the first of "
                        + m.attempts() + " attempts, none of which eSMS answered for sure",
                null, null, Detail.of(json, "attempts", m.attempts(), "firstAttemptAt", Detail.instant(m.createdAt())), null)
                .with(new Report.Facts(FailureKind.TRANSIENT, null, null, null));
    }

    /** 30 s, 1 min, 2 min ... capped at 15 min: quick recovery from a blip, little load on a long outage. */
    static Duration backoff(int attemptsSoFar) {
        long seconds = 30L << Math.min(Math.max(attemptsSoFar - 1, 0), 5);
        return Duration.ofSeconds(Math.min(seconds, 900));
    }
}
