package tracker.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import tracker.db.Writer;
import tracker.ledger.Refused;
import tracker.ledger.Status;

/** The live dashboard: the page at /, its read-only overview API, the live event stream and the sign-in. */
public final class Dashboard {
    private final LiveBus live;
    private final Assets assets = new Assets();
    private final SignIn signIn;
    private final Overview overview;
    private final boolean simulated;
    private final boolean tokenSet;

    /**
     * {@code live}: the bus the recorder announces commits on; {@code writer}: for the sign-ins;
     * {@code stuckAfter}: RECONCILE_AFTER; {@code clientAddress}: who a request comes from, for the sign-in limit.
     */
    public Dashboard(LiveBus live, Writer writer, Jdbi reads, Clock clock, String apiToken, Duration stuckAfter,
                     boolean simulated, Function<Context, String> clientAddress) {
        this.live = live;
        this.signIn = new SignIn(new Sessions(writer, reads, clock), apiToken, new SignInLimit(clock), clientAddress);
        this.overview = new Overview(reads, clock, stuckAfter);
        this.simulated = simulated;
        this.tokenSet = apiToken != null;
    }

    /** For {@code Auth}: a signed-in browser may use /api/* without the bearer header. */
    public boolean signedIn(Context ctx) { return signIn.signedIn(ctx); }

    public void register(JavalinConfig config, ObjectMapper json) {
        config.routes.get("/", ctx -> assets.serve(ctx, "index.html"));
        config.routes.get("/dashboard/{file}", ctx -> assets.serve(ctx, ctx.pathParam("file")));
        config.routes.get("/api/info", ctx -> ctx.json(info(ctx)));
        config.routes.get("/api/overview", ctx -> ctx.json(overview.now(offset(ctx))));
        LiveStream.register(config, live, json, signIn::client);
        signIn.register(config, json);
    }

    /** What the page needs to know about the service; nothing secret. */
    private Map<String, Object> info(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulated", simulated);
        m.put("auth", !tokenSet ? "none" : signIn.signedIn(ctx) ? "session" : "token");
        m.put("statuses", Status.names(s -> true));
        m.put("finalStatuses", Status.names(Status::isFinal));
        return m;
    }

    /** The viewer's UTC offset in minutes (east positive), e.g. 420 for Vietnam. */
    private static int offset(Context ctx) {
        String s = ctx.queryParam("offset");
        if (s == null || s.isEmpty()) return 0;
        if (!s.matches("-?\\d{1,3}") || Math.abs(Integer.parseInt(s)) > 840) {
            throw Refused.invalid("offset must be minutes east of UTC, -840 to 840", "offset");
        }
        return Integer.parseInt(s);
    }
}
