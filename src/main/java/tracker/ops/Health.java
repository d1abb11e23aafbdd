package tracker.ops;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracker.db.Database;
import tracker.esms.EsmsState;

/** Readiness: 200 when the database answers, its schema is complete and eSMS takes our keys; 503 saying why not. */
public final class Health {
    private Health() {}

    public static void ready(Context ctx, Database db, EsmsState esms) {
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
        body.put("esms", refusal == null ? "ok" : "credentials refused");
        if (refusal != null) reasons.add(refusal + ": fix ESMS_API_KEY / ESMS_SECRET_KEY or the account, then restart");
        body.put("status", reasons.isEmpty() ? "ready" : "not ready");
        if (!reasons.isEmpty()) body.put("reasons", reasons);
        ctx.status(reasons.isEmpty() ? 200 : 503).json(body);
    }

    private static Database.Migrations migrations(Database db) {
        try {
            return db.migrations();
        } catch (RuntimeException e) {
            return null; // it stopped answering between the two questions
        }
    }
}
