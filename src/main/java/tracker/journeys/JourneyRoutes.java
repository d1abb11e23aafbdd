package tracker.journeys;

import tracker.ledger.EventRow;
import tracker.ledger.MessageRow;
import tracker.ledger.JourneyRow;
import tracker.ledger.JourneyDao;
import tracker.sending.SendRequest;
import tracker.sending.JourneyService;
import tracker.sending.Cancellation;
import tracker.web.Input;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import tracker.ApiError;

/** The journeys API: HTTP in and out only; the rules live in {@link JourneyService}. */
public final class JourneyRoutes {
    private JourneyRoutes() {}

    public static void register(JavalinConfig config, JourneyService service, Cancellation cancellation, Jdbi reads,
                                ObjectMapper json, String defaultOaId) {
        JourneyView view = new JourneyView(json);
        JourneyList list = new JourneyList(reads);

        config.routes.post("/api/journeys/{orderId}/messages", ctx -> {
            JsonNode body = json.readTree(ctx.bodyAsBytes());
            var sent = service.send(SendRequest.parse(ctx.pathParam("orderId"), body, defaultOaId));
            MessageRow m = sent.message();
            List<EventRow> events = reads.withExtension(JourneyDao.class, d -> d.eventsOfMessage(m.id()));
            ctx.status(sent.httpStatus()).json(view.message(m, events));
        });

        config.routes.get("/api/journeys/{orderId}", ctx -> {
            String orderId = Input.identifier(ctx.pathParam("orderId"), "orderId", 100);
            var journey = reads.inTransaction(h -> {
                JourneyDao dao = h.attach(JourneyDao.class);
                List<MessageRow> messages = dao.messagesOfJourney(orderId);
                return messages.isEmpty() ? null : view.journey(orderId, messages, dao.eventsOfJourney(orderId));
            });
            if (journey == null) throw ApiError.notFound("no journey for order " + orderId);
            ctx.json(journey);
        });

        config.routes.get("/api/messages/{id}", ctx -> {
            long id = id(ctx);
            var message = reads.inTransaction(h -> {
                JourneyDao dao = h.attach(JourneyDao.class);
                return dao.message(id).map(m -> view.message(m, dao.eventsOfMessage(id))).orElse(null);
            });
            if (message == null) throw ApiError.notFound("no message " + id);
            ctx.json(message);
        });

        config.routes.delete("/api/messages/{id}", ctx -> {
            MessageRow m = cancellation.cancel(id(ctx));
            ctx.json(view.message(m, reads.withExtension(JourneyDao.class, d -> d.eventsOfMessage(m.id()))));
        });

        config.routes.get("/api/journeys", ctx -> {
            int limit = intParam(ctx, "limit", 50);
            String cursor = ctx.queryParam("cursor");
            Long after = cursor == null || cursor.isEmpty() ? null : parseCursor(cursor);
            List<JourneyRow> rows = list.find(ctx.queryParam("q"), emptyToNull(ctx.queryParam("status")), after, limit);
            String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
            ctx.json(new JourneyView.Page(rows.stream().map(view::summary).toList(), next));
        });
    }

    private static long id(Context ctx) {
        String s = ctx.pathParam("id");
        if (!s.matches("[1-9][0-9]{0,17}")) throw ApiError.notFound("no message " + s);
        return Long.parseLong(s);
    }

    private static Long parseCursor(String s) {
        if (!s.matches("[1-9][0-9]{0,17}")) throw ApiError.badRequest("cursor is not one this API gave out", "cursor");
        return Long.parseLong(s);
    }

    private static int intParam(Context ctx, String name, int def) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) return def;
        if (!s.matches("\\d{1,4}")) throw ApiError.badRequest(name + " must be a whole number", name);
        return Integer.parseInt(s);
    }

    private static String emptyToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
