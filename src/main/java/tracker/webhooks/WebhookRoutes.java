package tracker.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracker.ledger.Detail;
import tracker.ledger.Refused;
import tracker.web.JsonBody;
import tracker.web.Params;

/** /api/webhooks: register, list, delete, the attempt log, replay and a test event. The rules live in {@link Webhooks}. */
public final class WebhookRoutes {
    private WebhookRoutes() {}

    public static void register(JavalinConfig config, Webhooks webhooks, ObjectMapper json) {
        config.routes.post("/api/webhooks", ctx -> {
            JsonNode body = json.readTree(JsonBody.of(ctx));
            if (body == null || !body.isObject()) throw Refused.invalid("body must be a JSON object", "body");
            ctx.status(201).json(webhooks.create(url(body.get("url")), events(body.get("events"))));
        });
        config.routes.get("/api/webhooks", ctx -> ctx.json(Map.of("endpoints", webhooks.list())));
        config.routes.delete("/api/webhooks/{id}", ctx -> {
            webhooks.delete(id(ctx));
            ctx.status(204);
        });
        config.routes.get("/api/webhooks/{id}/attempts", ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (WebhookDao.Attempt a : webhooks.attempts(id(ctx), Params.limit(ctx))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", Detail.instant(a.at()));
                m.put("webhookId", a.msgId());
                m.put("type", a.type());
                m.put("statusCode", a.statusCode());
                m.put("latencyMs", a.latencyMs());
                m.put("answer", a.answer());
                out.add(m);
            }
            ctx.json(Map.of("attempts", out));
        });
        config.routes.post("/api/webhooks/{id}/replay", ctx -> {
            long id = id(ctx);
            ctx.status(202).json(Map.of("replayed", webhooks.replay(id, since(ctx.queryParam("since")))));
        });
        config.routes.post("/api/webhooks/{id}/test", ctx -> ctx.status(202).json(Map.of("webhookId", webhooks.test(id(ctx)))));
    }

    private static long id(Context ctx) {
        String s = ctx.pathParam("id");
        if (!s.matches("[1-9][0-9]{0,17}")) throw Refused.unknown("no webhook endpoint " + s);
        return Long.parseLong(s);
    }

    private static String url(JsonNode n) {
        if (n == null || n.isNull()) throw Refused.invalid("url is required", "url");
        if (!n.isTextual()) throw Refused.invalid("url must be a string", "url");
        return n.asText();
    }

    private static List<String> events(JsonNode n) {
        if (n == null || n.isNull()) throw Refused.invalid("events is required: a list of " + Endpoints.TYPES, "events");
        if (!n.isArray()) throw Refused.invalid("events must be a list of event types", "events");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw Refused.invalid("events must be a list of event types (strings)", "events");
            out.add(e.asText());
        }
        return out;
    }

    private static long since(String s) {
        if (s == null || s.isEmpty()) throw Refused.invalid("since is required, e.g. since=2026-11-28T08:00:00Z", "since");
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw Refused.invalid("since must be an ISO-8601 instant such as 2026-11-28T08:00:00Z", "since");
        }
    }
}
