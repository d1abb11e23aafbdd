package tracker.ops;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import tracker.db.Database;

/** Readiness: 200 when the database answers, 503 with the reason otherwise. */
public final class Health {
    private Health() {}

    public static void ready(Context ctx, Database db) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            db.reads().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM setting").mapTo(Integer.class).one());
            body.put("status", "ready");
            body.put("database", "ok");
            ctx.json(body);
        } catch (RuntimeException e) {
            body.put("status", "not ready");
            body.put("database", "unreachable");
            ctx.status(503).json(body);
        }
    }
}
