package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import tracker.ApiError;
import tracker.ledger.JourneyDao;
import tracker.journeys.JourneyList;
import tracker.journeys.JourneyView;
import tracker.ledger.MessageRow;

/** POST /api/messages/{id}/refresh and GET /api/messages?stuckFor=PT30M: HTTP only, rules in {@link Reconciler}. */
public final class ReconcileRoutes {
    /** A page of messages; {@code nextCursor} is null on the last page. */
    public record Page(List<JourneyView.MessageView> messages, String nextCursor) {}

    private ReconcileRoutes() {}

    public static void register(JavalinConfig config, Reconciler reconciler, Jdbi reads, ObjectMapper json, Clock clock) {
        JourneyView view = new JourneyView(json);

        config.routes.post("/api/messages/{id}/refresh", ctx -> {
            long id = id(ctx);
            reconciler.refresh(id);
            ctx.json(reads.inTransaction(h -> {
                JourneyDao dao = h.attach(JourneyDao.class);
                return dao.message(id).map(m -> view.message(m, dao.eventsOfMessage(id))).orElseThrow();
            }));
        });

        config.routes.get("/api/messages", ctx -> {
            Duration stuckFor = duration(ctx.queryParam("stuckFor"));
            int limit = limit(ctx.queryParam("limit"));
            String cursor = ctx.queryParam("cursor");
            long after = cursor == null || cursor.isEmpty() ? 0 : cursor(cursor);
            long createdBefore = clock.millis() - stuckFor.toMillis();
            List<MessageRow> rows = reads.withExtension(ReconcileDao.class, d -> d.stuck(createdBefore, after, limit));
            String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).id()) : null;
            ctx.json(new Page(rows.stream().map(m -> view.message(m, List.of())).toList(), next));
        });
    }

    static Duration duration(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiError.badRequest("stuckFor is required: an ISO-8601 duration such as PT30M", "stuckFor");
        }
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative()) return d;
        } catch (DateTimeParseException e) { /* answered below */ }
        throw ApiError.badRequest("stuckFor must be an ISO-8601 duration such as PT30M or P1D (got '"
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "')", "stuckFor");
    }

    private static int limit(String s) {
        if (s == null || s.isEmpty()) return 50;
        if (!s.matches("\\d{1,4}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > JourneyList.MAX_LIMIT) {
            throw ApiError.badRequest("limit must be 1 to " + JourneyList.MAX_LIMIT, "limit");
        }
        return Integer.parseInt(s);
    }

    private static long cursor(String s) {
        if (!s.matches("[1-9][0-9]{0,17}")) throw ApiError.badRequest("cursor is not one this API gave out", "cursor");
        return Long.parseLong(s);
    }

    private static long id(Context ctx) {
        String s = ctx.pathParam("id");
        if (!s.matches("[1-9][0-9]{0,17}")) throw ApiError.notFound("no message " + s);
        return Long.parseLong(s);
    }
}
