package tracker.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import org.jdbi.v3.core.Jdbi;
import tracker.journeys.JourneyView;
import tracker.ledger.MessageRow;
import tracker.web.JsonBody;
import tracker.web.Params;

/** POST /api/journeys/{orderId}/messages and DELETE /api/messages/{id}: HTTP only, rules in {@link Sender}. */
public final class SendRoutes {
    private SendRoutes() {}

    public static void register(JavalinConfig config, Sender sender, Cancellation cancellation, Jdbi reads,
                                ObjectMapper json, String defaultOaId) {
        JourneyView view = new JourneyView(json);
        config.routes.post("/api/journeys/{orderId}/messages", ctx -> {
            var body = json.readTree(JsonBody.of(ctx)); // 415 for any other type: a cross-site form cannot send JSON
            Sender.Sent sent = sender.send(SendRequest.parse(ctx.pathParam("orderId"), body, defaultOaId));
            ctx.status(sent.httpStatus()).json(view.stored(reads, sent.message().id()));
        });
        config.routes.delete("/api/messages/{id}", ctx -> {
            MessageRow m = cancellation.cancel(Params.messageId(ctx));
            ctx.json(view.stored(reads, m.id()));
        });
    }
}
