package tracker.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import org.jdbi.v3.core.Jdbi;
import tracker.journeys.JourneyView;
import tracker.web.Params;

/** POST /api/messages/{id}/refresh: HTTP only, rules in {@link Reconciler}. */
public final class ReconcileRoutes {
    private ReconcileRoutes() {}

    public static void register(JavalinConfig config, Reconciler reconciler, Jdbi reads, ObjectMapper json) {
        JourneyView view = new JourneyView(json);
        config.routes.post("/api/messages/{id}/refresh", ctx -> {
            long id = Params.messageId(ctx);
            reconciler.refresh(id);
            ctx.json(view.stored(reads, id));
        });
    }
}
