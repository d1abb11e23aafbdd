package tracker.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import tracker.ledger.Applied;
import tracker.ledger.CallbackLimits;
import tracker.ledger.MessageRow;
import tracker.ledger.LedgerDao;
import tracker.ledger.Recorder;
import tracker.ledger.Refused;
import tracker.ledger.Report;
import tracker.ops.Metrics;

/** Authenticates a callback, stores it raw and applies what it says; returns only after the commit. */
public final class CallbackService {
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final String JOURNEY_TYPE = "27";

    /** The answer for eSMS: how many identical copies we now hold, and the message's status after it. */
    public record Result(int repeats, String status) {}

    private final Recorder recorder;
    private final CallbackTokens tokens;
    private final Clock clock;
    private final boolean simulated;
    private final Metrics metrics;

    public CallbackService(Recorder recorder, CallbackTokens tokens, Clock clock, boolean simulated,
                           Metrics metrics) {
        this.recorder = recorder;
        this.tokens = tokens;
        this.clock = clock;
        this.simulated = simulated;
        this.metrics = metrics;
    }

    public Result receive(String messageIdText, String token, String method, String rawQuery, Fields fields) {
        long messageId = parseId(messageIdText);
        if (!tokens.verify(messageId, token)) throw Refused.denied("callback token does not match this message", "token");
        CallbackReport r = CallbackReport.from(fields);
        long now = clock.millis();
        // everything but what depends on the stored message is made here, on the request thread, not the writer's
        Report report = new Report(now, "CALLBACK", "callback", r.status(), r.smsId(), r.price(), r.failureReason(), null,
                null, CallbackDetail.write(method, rawQuery, fields, r, List.of(), simulated), dedupeKey(fields))
                .with(r.facts());
        Applied applied = recorder.record("callback", messageId, (tx, m) -> {
            // the URL closes 8 days after acceptance (eSMS keeps a status 7): read in the transaction that would store
            if (CallbackLimits.expired(m.createdAt(), now)
                    && CallbackLimits.expired(tx.dao(LedgerDao.class).acceptedAt(m.id()), now)) {
                throw Refused.gone("this callback URL has expired: the message was accepted more than "
                        + CallbackLimits.URL_LIFETIME.toDays() + " days ago, and eSMS keeps a status for 7");
            }
            List<String> notes = surprises(m, r.sent());
            return notes.isEmpty() ? report : report.withDetail(CallbackDetail.write(method, rawQuery, fields, r, notes, simulated));
        });
        if (applied.repeats() > 1) metrics.callbackDuplicated();
        return new Result(applied.repeats(), applied.message().status());
    }

    private static long parseId(String text) {
        if (text == null || !ID.matcher(text).matches()) throw Refused.unknown("no such callback URL");
        return Long.parseLong(text);
    }

    /** What the callback says about the send that differs from what we sent: worth a note, never a refusal. */
    static List<String> surprises(MessageRow m, CallbackReport.Sent sent) {
        List<String> notes = new ArrayList<>();
        if (sent.typeId() != null && !JOURNEY_TYPE.equals(sent.typeId())) {
            notes.add("TypeId " + sent.typeId() + ": eSMS handled this as another message type than a journey ZNS (27)"
                    + " and billed it as such");
        }
        if (sent.oaId() != null && !sent.oaId().equals(m.oaId())) {
            notes.add("eSMS reports OA " + sent.oaId() + ", not the OA we sent (" + m.oaId() + ")");
        }
        if (sent.tempId() != null && !sent.tempId().equals(m.templateId())) {
            notes.add("eSMS reports template " + sent.tempId() + ", not the template we sent (" + m.templateId() + ")");
        }
        return notes;
    }

    /** Identical callbacks (eSMS's retries) share this key; the unique index stores them once. */
    public static String dedupeKey(Fields fields) {
        StringBuilder sb = new StringBuilder(256);
        for (var e : fields.entries()) sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        byte[] d = SHA256.get().digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 16);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
