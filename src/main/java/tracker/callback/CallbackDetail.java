package tracker.callback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import tracker.ledger.Detail;

/**
 * A callback event's stored detail: how it came, its fields as eSMS spelled them, what error_info decoded to. Written
 * straight to text (no map, no tree): it is built once per callback, thousands of times a second.
 */
final class CallbackDetail {
    private static final JsonFactory JSON = new JsonFactory();

    private CallbackDetail() {}

    static String write(String method, String rawQuery, Fields fields, CallbackReport r, List<String> notes, boolean simulated) {
        SegmentedStringWriter out = new SegmentedStringWriter(JSON._getBufferRecycler()); // not synchronized, unlike StringWriter
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("method", method);
            if (rawQuery != null) g.writeStringField("query", rawQuery);
            g.writeObjectFieldStart("fields");
            var entries = fields.entries();
            for (int i = 0; i < entries.size(); i++) {
                if (!seenBefore(entries, i)) g.writeStringField(entries.get(i).getKey(), entries.get(i).getValue());
            }
            g.writeEndObject();
            if (r.errorInfo() != null) errorInfo(g, r.errorInfo());
            if (r.note() != null) g.writeStringField("note", r.note());
            if (!notes.isEmpty()) {
                g.writeArrayFieldStart("notes");
                for (String n : notes) g.writeString(n);
                g.writeEndArray();
            }
            if (simulated) g.writeBooleanField("simulated", true);
            g.writeEndObject();
            g.close();
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a callback's detail", e);
        }
    }

    /** A name given twice keeps its first value, as {@link Fields#get} reads it. */
    private static boolean seenBefore(List<java.util.Map.Entry<String, String>> entries, int i) {
        String name = entries.get(i).getKey();
        for (int j = 0; j < i; j++) if (entries.get(j).getKey().equals(name)) return true;
        return false;
    }

    private static void errorInfo(JsonGenerator g, ErrorInfo info) throws IOException {
        g.writeObjectFieldStart("errorInfo");
        if (info.error() == null) g.writeNullField("error");
        else g.writeNumberField("error", info.error());
        g.writeStringField("message", info.message());
        g.writeStringField("decoded", info.decoded());
        if (info.onPhoneAt() != null) g.writeStringField("onPhoneAt", Detail.instant(info.onPhoneAt()));
        Long at = info.reportedAt();
        if (at != null) g.writeStringField("reportedAt", Detail.instant(at));
        g.writeEndObject();
    }
}
