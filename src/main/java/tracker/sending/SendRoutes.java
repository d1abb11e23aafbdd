package tracker.sending;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import tracker.journeys.JourneyView;
import tracker.ledger.MessageRow;
import tracker.ledger.Refused;
import tracker.web.JsonBody;
import tracker.web.Params;

/** Sending, resending and cancelling over HTTP; the rules live in {@link Sender}, {@link Resends}, {@link Cancellation}. */
public final class SendRoutes {
    static final int MAX_RESENDS = 100;

    private SendRoutes() {}

    public static void register(JavalinConfig config, Sender sender, Resends resends, Cancellation cancellation,
                                Jdbi reads, ObjectMapper json, String defaultOaId) {
        JourneyView view = new JourneyView(json);
        config.routes.post("/api/journeys/{orderId}/messages", ctx -> {
            var body = json.readTree(JsonBody.of(ctx)); // 415 for any other type: a cross-site form cannot send JSON
            answer(ctx, sender.send(SendRequest.parse(ctx.pathParam("orderId"), body, defaultOaId)), view, reads);
        });
        // the same with the order id in the body: any id eSMS accepts, "/" included (HD/2026/0001)
        config.routes.post("/api/messages", ctx -> {
            answer(ctx, sender.send(SendRequest.parse(null, json.readTree(JsonBody.of(ctx)), defaultOaId)), view, reads);
        });
        config.routes.delete("/api/messages/{id}", ctx -> {
            MessageRow m = cancellation.cancel(Params.messageId(ctx));
            ctx.json(view.stored(reads, m.id()));
        });
        config.routes.post("/api/messages/{id}/resend", ctx -> {
            Sender.Sent sent = resends.resend(Params.messageId(ctx), confirm(body(ctx, json)));
            ctx.status(sent.httpStatus()).json(view.stored(reads, sent.message().id()));
        });
        config.routes.post("/api/messages/resend", ctx -> {
            JsonNode body = body(ctx, json);
            boolean confirm = confirm(body);
            List<Map<String, Object>> results = new ArrayList<>();
            for (long id : ids(body.get("ids"))) results.add(one(id, () -> view.stored(reads, resends.resend(id, confirm).message().id())));
            ctx.json(Map.of("results", results));
        });
    }

    /** Answers when the send has been stored and eSMS's answer recorded; the request thread is free meanwhile. */
    private static void answer(Context ctx, CompletableFuture<Sender.Sent> sending, JourneyView view, Jdbi reads) {
        ctx.future(() -> sending.thenAccept(sent -> ctx.status(sent.httpStatus()).json(view.stored(reads, sent.message().id()))));
    }

    /** One resend of many: its new message, or why not, in the API's error words. */
    private static Map<String, Object> one(long id, java.util.function.Supplier<Object> resend) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        try {
            r.put("message", resend.get());
        } catch (Refused e) {
            r.put("error", e.getMessage());
            r.put("field", e.field());
        }
        return r;
    }

    private static JsonNode body(Context ctx, ObjectMapper json) throws IOException {
        // no body is {}; a body must be declared JSON, like every body we parse
        JsonNode n = ctx.bodyAsBytes().length == 0 ? json.createObjectNode() : json.readTree(JsonBody.of(ctx));
        if (n == null || !n.isObject()) throw Refused.invalid("body must be a JSON object", "body");
        return n;
    }

    private static boolean confirm(JsonNode body) {
        JsonNode c = body.get("confirmDuplicateRisk");
        if (c != null && !c.isNull() && !c.isBoolean()) throw Refused.invalid("confirmDuplicateRisk must be true or false", "confirmDuplicateRisk");
        return c != null && c.asBoolean(false);
    }

    private static List<Long> ids(JsonNode ids) {
        if (ids == null || !ids.isArray() || ids.isEmpty()) throw Refused.invalid("ids must be a non-empty array of message ids", "ids");
        if (ids.size() > MAX_RESENDS) throw Refused.invalid("at most " + MAX_RESENDS + " ids at once", "ids");
        List<Long> out = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong() || id.asLong() < 1) throw Refused.invalid("ids must be message ids", "ids");
            out.add(id.asLong());
        }
        return out;
    }
}
