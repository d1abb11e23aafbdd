package tracker.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.ApiError;
import tracker.db.Writer;
import tracker.ledger.Detail;
import tracker.ledger.Events;
import tracker.ledger.JourneyDao;
import tracker.ledger.Ledger;
import tracker.ops.Metrics;

/** Authenticates a callback, stores it raw and applies what it says; returns only after the commit. */
public final class CallbackService {
    private static final Logger log = LoggerFactory.getLogger(CallbackService.class);
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[1-9][0-9]{0,17}");

    /** The answer for eSMS: how many identical copies we now hold, and the message's status after it. */
    public record Result(int repeats, String status) {}

    private final Writer writer;
    private final CallbackTokens tokens;
    private final Clock clock;
    private final ObjectMapper json;
    private final Events events;
    private final boolean simulated;
    private final Metrics metrics;

    public CallbackService(Writer writer, CallbackTokens tokens, Clock clock, ObjectMapper json, Events events,
                           boolean simulated, Metrics metrics) {
        this.metrics = metrics;
        this.simulated = simulated;
        this.writer = writer;
        this.tokens = tokens;
        this.clock = clock;
        this.json = json;
        this.events = events;
    }

    public Result receive(String messageIdText, String token, String method, String rawQuery, Fields fields) {
        long messageId = parseId(messageIdText);
        if (!tokens.verify(messageId, token)) {
            throw new ApiError(403, "callback token does not match this message", "token");
        }
        CallbackReport r = CallbackReport.from(fields);
        long now = clock.millis();
        String detail = detail(method, rawQuery, fields, r);
        Ledger.Report report = new Ledger.Report(now, "CALLBACK", "callback", r.status(), r.smsId(), r.price(),
                r.failureReason(), null, null, detail, dedupeKey(fields));
        Ledger.Applied applied = writer.write(tx -> Ledger.apply(tx.dao(JourneyDao.class), messageId, report));
        metrics.applied("callback", applied);
        if (applied.repeats() > 1) metrics.callbackDuplicated();
        log.info("callback order={} message={} smsId={} sendStatus={} -> {}{}", applied.message().orderId(), messageId,
                r.smsId(), r.sendStatus(), applied.message().status(), applied.repeats() > 1 ? " (repeat " + applied.repeats() + ")" : "");
        events.changed(applied.message().orderId()); // a repeat changed data too: its event now shows ×N
        return new Result(applied.repeats(), applied.message().status());
    }

    private static long parseId(String text) {
        if (text == null || !ID.matcher(text).matches()) throw ApiError.notFound("no such callback URL");
        return Long.parseLong(text);
    }

    private String detail(String method, String rawQuery, Fields fields, CallbackReport r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", method);
        if (rawQuery != null) d.put("query", rawQuery);
        d.put("fields", fields.asMap());
        if (r.errorInfo() != null) d.put("errorInfo", r.errorInfo().asDetail());
        if (r.note() != null) d.put("note", r.note());
        if (simulated) d.put("simulated", true);
        return Detail.write(json, d);
    }

    /** Identical callbacks (eSMS's retries) share this key; the unique index stores them once. */
    public static String dedupeKey(Fields fields) {
        StringBuilder sb = new StringBuilder();
        for (var e : fields.entries()) sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
