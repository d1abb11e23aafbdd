package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import tracker.callback.CallbackReport;
import tracker.callback.CallbackService;
import tracker.callback.Fields;
import tracker.ledger.Detail;
import tracker.ledger.Refused;
import tracker.ledger.Report;

/** One status record eSMS returned to a question, read exactly like a callback and recorded as a POLL event. */
final class Poll {
    private Poll() {}

    /** Builds the event; throws {@link Refused} when the record is unusable (same rules as a callback). */
    static Report report(ObjectMapper json, String call, String smsId, Map<String, String> item, long now,
                                int check, boolean simulated) {
        Map<String, String> named = new LinkedHashMap<>();
        // GetCallback spells it ErrorInfo; a callback's error_info: CallbackReport reads the callback's name
        item.forEach((k, v) -> named.put("ErrorInfo".equalsIgnoreCase(k) ? "error_info" : k, v));
        if (named.keySet().stream().noneMatch("SMSID"::equalsIgnoreCase)) named.put("SMSID", smsId);
        Fields fields = Fields.of(named);
        CallbackReport r = CallbackReport.from(fields);
        if (!r.smsId().equals(smsId)) {
            throw Refused.conflict("eSMS answered about SMSID " + r.smsId() + " instead of " + smsId, "SMSID");
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("call", call);
        d.put("check", check);
        d.put("fields", fields.asMap());
        if (r.errorInfo() != null) d.put("errorInfo", r.errorInfo().asDetail());
        if (r.note() != null) d.put("note", r.note());
        if (simulated) d.put("simulated", true);
        return new Report(now, "POLL", "poll", r.status(), r.smsId(), r.price(), r.failureReason(), null, null,
                Detail.write(json, d), CallbackService.dedupeKey(fields)).with(r.facts());
    }
}
