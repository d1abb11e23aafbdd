package tracker.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tracker.db.StorageUnavailable;
import tracker.ledger.Refused;
import tracker.ops.Metrics;
import tracker.web.HttpError;

/** eSMS → us: GET with the fields in the query string (as eSMS does it), or POST as a form or JSON. */
public final class CallbackRoutes {
    private CallbackRoutes() {}

    public static void register(JavalinConfig config, CallbackService service, ObjectMapper json, Metrics metrics) {
        config.routes.get(CallbackUrls.PATH, ctx -> counted(metrics, () ->
                answer(ctx, service, "GET", ctx.queryString(), Fields.parseQuery(ctx.queryString()))));
        config.routes.post(CallbackUrls.PATH, ctx -> counted(metrics, () ->
                answer(ctx, service, "POST", ctx.queryString(), postFields(ctx, json))));
    }

    private static void answer(Context ctx, CallbackService service, String method, String raw, Fields fields) {
        var result = service.receive(ctx.pathParam("messageId"), ctx.pathParam("token"), method, raw, fields);
        // by hand: a number and a status name need no escaping, and this answer goes out thousands of times a second
        ctx.contentType("application/json").result("{\"ok\":true,\"repeats\":" + result.repeats() + ",\"status\":\""
                + result.status() + "\"}");
    }

    /** Counts every callback and, for a refused one, why (the reason set is fixed: safe as a metric label). */
    private static void counted(Metrics metrics, Runnable handler) {
        metrics.callbackReceived();
        try {
            handler.run();
        } catch (Refused e) {
            metrics.callbackRefused(switch (e.why()) {
                case DENIED -> "bad_token";
                case UNKNOWN -> "unknown_message";
                case CONFLICT -> "conflict";
                case GONE -> "expired";
                default -> "malformed";
            });
            throw e;
        } catch (HttpError e) {
            metrics.callbackRefused("malformed");
            throw e;
        } catch (StorageUnavailable e) {
            metrics.callbackRefused("storage_unavailable");
            throw e;
        }
    }

    private static Fields postFields(Context ctx, ObjectMapper json) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        byte[] body = ctx.bodyAsBytes();
        if (type.startsWith("application/json")) {
            try {
                JsonNode n = json.readTree(body);
                if (n == null || !n.isObject()) throw Refused.invalid("callback body must be a JSON object", "body");
                Map<String, String> m = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> {
                    if (e.getValue().isContainerNode()) throw Refused.invalid(e.getKey() + " must be a plain value", e.getKey());
                    m.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
                });
                return Fields.of(m);
            } catch (IOException e) {
                throw Refused.invalid("callback body is not valid JSON", "body");
            }
        }
        if (type.startsWith("application/x-www-form-urlencoded") || body.length == 0) {
            // the form body joined with any query string eSMS appended, so no field is lost
            String form = Fields.utf8(body);
            String q = ctx.queryString();
            return Fields.parseQuery(q == null || q.isEmpty() ? form : form.isEmpty() ? q : q + "&" + form);
        }
        throw new HttpError(415, "callback body must be form-encoded or JSON", "Content-Type");
    }
}
