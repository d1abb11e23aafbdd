package tracker.ops;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracker.db.Database;
import tracker.esms.EsmsState;

/**
 * Readiness means "can take callbacks": 200 when the database answers and its schema is complete, else 503. eSMS
 * refusing our keys is reported in {@code esms} but never makes it 503: callbacks and reads still work, and a
 * restart loop would not fix the keys. The details need the API token; without it, only ready or not ready.
 */
public final class Health {
    private Health() {}

    public static void ready(Context ctx, Database db, EsmsState esms, boolean details) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        body.put("status", "ready"); // first in the answer; replaced below when not ready
        Database.Migrations m = db.answers() ? migrations(db) : null;
        if (m == null) {
            body.put("database", "unreachable");
            reasons.add("database unreachable: check the disk and DATABASE_URL");
        } else {
            body.put("database", "ok");
            if (m.ok()) {
                body.put("migrations", "ok");
            } else {
                body.put("migrations", Map.of("missing", m.missing(), "failed", m.failed()));
                reasons.add("database migrations " + (m.failed().isEmpty() ? "missing: " + m.missing() : "failed: " + m.failed())
                        + "; restart the service so it migrates, or restore a matching backup");
            }
        }
        String refusal = esms.credentialRefusal();
        body.put("esms", refusal == null ? "ok"
                : "credentials refused: " + refusal + "; fix ESMS_API_KEY / ESMS_SECRET_KEY or the account, then restart");
        body.put("status", reasons.isEmpty() ? "ready" : "not ready");
        if (!reasons.isEmpty()) body.put("reasons", reasons);
        ctx.status(reasons.isEmpty() ? 200 : 503).json(details ? body : Map.of("status", body.get("status")));
    }

    private static Database.Migrations migrations(Database db) {
        try {
            return db.migrations();
        } catch (RuntimeException e) {
            return null; // it stopped answering between the two questions
        }
    }
}
