package tracker.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import tracker.ledger.JourneyRow;
import tracker.ledger.LedgerDao;
import tracker.ledger.MessageRow;
import tracker.ledger.Refused;
import tracker.web.Input;
import tracker.web.Params;

/** The read side of the API: a journey, a message, the journeys list and the messages stuck for a while. */
public final class JourneyRoutes {
    /** A page of messages; {@code nextCursor} is null on the last page. */
    public record MessagePage(List<JourneyView.MessageView> messages, String nextCursor) {}

    private JourneyRoutes() {}

    public static void register(JavalinConfig config, Jdbi reads, ObjectMapper json, Clock clock) {
        JourneyView view = new JourneyView(json);
        JourneyList list = new JourneyList(reads);

        config.routes.get("/api/journeys/{orderId}", ctx -> utf8(ctx, json, journey(reads, view, ctx.pathParam("orderId"))));
        // the same, for any order id eSMS accepts: one with a "/" (HD/2026/0001) cannot be a path segment
        config.routes.get("/api/journey", ctx -> utf8(ctx, json, journey(reads, view, ctx.queryParam("orderId"))));

        config.routes.get("/api/messages/{id}", ctx -> ctx.json(view.stored(reads, Params.messageId(ctx))));

        config.routes.get("/api/journeys", ctx -> {
            int limit = Params.limit(ctx);
            List<JourneyRow> rows = list.find(Params.optional(ctx, "q"), Params.optional(ctx, "status"),
                    Params.cursor(ctx), limit);
            String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
            ctx.json(new JourneyView.Page(rows.stream().map(view::summary).toList(), next));
        });

        config.routes.get("/api/messages", ctx -> {
            Duration stuckFor = duration(ctx.queryParam("stuckFor"));
            int limit = Params.limit(ctx);
            Long cursor = Params.cursor(ctx);
            long createdBefore = clock.millis() - stuckFor.toMillis();
            List<MessageRow> rows = reads.withExtension(LedgerDao.class,
                    d -> d.stuck(createdBefore, cursor == null ? 0 : cursor, limit));
            String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
            ctx.json(new MessagePage(rows.stream().map(m -> view.message(m, List.of())).toList(), next));
        });
    }

    /** A journey is the biggest answer (hundreds of events): encoded straight to UTF-8, not to a String and then bytes. */
    private static void utf8(Context ctx, ObjectMapper json, Object answer) throws JsonProcessingException {
        ctx.contentType(ContentType.APPLICATION_JSON).result(json.writeValueAsBytes(answer));
    }

    private static JourneyView.Journey journey(Jdbi reads, JourneyView view, String orderIdText) {
        String orderId = Input.identifier(orderIdText, "orderId", 100);
        var journey = reads.inTransaction(h -> {
            LedgerDao dao = h.attach(LedgerDao.class);
            List<MessageRow> messages = dao.messagesOfJourney(orderId);
            return messages.isEmpty() ? null : view.journey(orderId, messages, dao.eventsOfJourney(orderId));
        });
        if (journey == null) throw Refused.unknown("no journey for order " + orderId);
        return journey;
    }

    static Duration duration(String text) {
        if (text == null || text.isEmpty()) {
            throw Refused.invalid("stuckFor is required: an ISO-8601 duration such as PT30M", "stuckFor");
        }
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative()) return d;
        } catch (DateTimeParseException e) { /* answered below */ }
        throw Refused.invalid("stuckFor must be an ISO-8601 duration such as PT30M or P1D (got '"
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "')", "stuckFor");
    }
}
