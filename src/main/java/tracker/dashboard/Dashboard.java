package tracker.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import tracker.ApiError;
import tracker.Config;
import tracker.ledger.Events;
import tracker.ledger.Status;

/** The live dashboard: the page at /, its read-only overview API, the live event stream and the sign-in. */
public final class Dashboard {
    private final LiveBus live = new LiveBus(15);
    private final Assets assets = new Assets();
    private final SignIn signIn;
    private final Overview overview;
    private final boolean simulated;
    private final boolean tokenSet;

    public Dashboard(Config config, Jdbi reads, boolean simulated) {
        this.signIn = new SignIn(new Sessions(config.clock()), config.apiToken());
        this.overview = new Overview(reads, config.clock(), config.reconcileAfter());
        this.simulated = simulated;
        this.tokenSet = config.apiToken() != null;
    }

    /** Give this to the services: they call it after each commit, and open pages refresh. */
    public Events events() { return live; }

    /** For {@code Auth}: a signed-in browser may use /api/* without the bearer header. */
    public boolean signedIn(Context ctx) { return signIn.signedIn(ctx); }

    public void register(JavalinConfig config, ObjectMapper json) {
        config.routes.get("/", ctx -> assets.serve(ctx, "index.html"));
        config.routes.get("/dashboard/{file}", ctx -> assets.serve(ctx, ctx.pathParam("file")));
        config.routes.get("/api/info", ctx -> ctx.json(info(ctx)));
        config.routes.get("/api/overview", ctx -> ctx.json(overview.now(offset(ctx))));
        LiveStream.register(config, live, json);
        signIn.register(config, json);
        config.events.serverStopping(live::close);
    }

    /** What the page needs to know about the service; nothing secret. */
    private Map<String, Object> info(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulated", simulated);
        m.put("auth", !tokenSet ? "none" : signIn.signedIn(ctx) ? "session" : "token");
        m.put("statuses", Arrays.stream(Status.values()).map(Enum::name).toList());
        m.put("finalStatuses", Arrays.stream(Status.values()).filter(Status::isFinal).map(Enum::name).toList());
        return m;
    }

    /** The viewer's UTC offset in minutes (east positive), e.g. 420 for Vietnam. */
    private static int offset(Context ctx) {
        String s = ctx.queryParam("offset");
        if (s == null || s.isEmpty()) return 0;
        if (!s.matches("-?\\d{1,3}") || Math.abs(Integer.parseInt(s)) > 840) {
            throw ApiError.badRequest("offset must be minutes east of UTC, -840 to 840", "offset");
        }
        return Integer.parseInt(s);
    }
}
