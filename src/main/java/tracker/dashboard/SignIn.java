package tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.function.Function;
import tracker.ledger.Refused;
import tracker.web.Auth;
import tracker.web.HttpError;
import tracker.web.JsonBody;

/**
 * The dashboard's sign-in: the API token, POSTed once in a JSON body (never in a URL), is exchanged for an
 * HttpOnly, SameSite=Strict session cookie that {@link Auth} accepts in place of the bearer header. Failed tries
 * are limited per client address ({@link SignInLimit}).
 */
final class SignIn {
    static final String COOKIE = "tracker_session";

    private final Sessions sessions;
    private final byte[] tokenDigest;
    private final SignInLimit limit;
    private final Function<Context, String> clientAddress;

    SignIn(Sessions sessions, String apiToken, SignInLimit limit, Function<Context, String> clientAddress) {
        this.sessions = sessions;
        this.tokenDigest = apiToken == null ? null : Auth.sha256(apiToken);
        this.limit = limit;
        this.clientAddress = clientAddress;
    }

    /** True when the request carries a live session cookie. */
    boolean signedIn(Context ctx) { return sessions.valid(ctx.cookie(COOKIE)); }

    /** Who is asking, for per-client caps: the session (by digest, never the id itself), else the caller's address. */
    String client(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return sessions.valid(id) ? "session:" + Sessions.key(id) : "address:" + ctx.ip();
    }

    void register(JavalinConfig config, ObjectMapper json) {
        config.routes.post("/dashboard/login", ctx -> {
            if (tokenDigest == null) throw Refused.unknown("API_TOKEN is not set: the dashboard needs no sign-in");
            byte[] bytes = JsonBody.of(ctx);
            String address = clientAddress.apply(ctx);
            long wait = limit.take(address);
            if (wait > 0) {
                ctx.header("Retry-After", String.valueOf(wait));
                throw new HttpError(429, "too many sign-in attempts from this address; try again in " + wait + " s", "token");
            }
            JsonNode body = json.readTree(bytes);
            JsonNode token = body == null ? null : body.get("token");
            if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
                throw Refused.invalid("token is required", "token");
            }
            if (!Auth.matches(tokenDigest, token.textValue().strip())) {
                throw new HttpError(401, "wrong token: use the service's API_TOKEN", "token");
            }
            limit.succeeded(address);
            ctx.cookie(cookie(ctx, sessions.create(), (int) Sessions.TTL.toSeconds()));
            ctx.status(204);
        });
        config.routes.post("/dashboard/logout", ctx -> {
            sessions.remove(ctx.cookie(COOKIE));
            ctx.cookie(cookie(ctx, "", 0));
            ctx.status(204);
        });
    }

    /** Secure when the browser came over HTTPS (directly or through a proxy that says so). */
    private static Cookie cookie(Context ctx, String value, int maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return new Cookie(COOKIE, value, "/", maxAge, https, true, null, SameSite.STRICT);
    }
}
