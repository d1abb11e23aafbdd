package tracker.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Predicate;

/**
 * API_TOKEN: when set, every /api/* call and /metrics need "Authorization: Bearer <token>", checked in constant time,
 * or the dashboard's session cookie ({@code signedIn}), whose writes must also prove they come from the dashboard.
 */
public final class Auth {
    private final byte[] expected;
    private final Predicate<Context> signedIn;

    /** {@code apiToken} null: no token is configured and everyone is let in. */
    public Auth(String apiToken, Predicate<Context> signedIn) {
        this.expected = apiToken == null ? null : sha256(apiToken);
        this.signedIn = signedIn;
    }

    /** True when a token is configured and this request carries it or a live session (or when none is configured). */
    public boolean allows(Context ctx) { return expected == null || bearer(ctx) || signedIn.test(ctx); }

    public void register(JavalinConfig config, String publicUrl) {
        if (expected == null) return;
        SameOrigin sameOrigin = new SameOrigin(publicUrl);
        io.javalin.http.Handler check = ctx -> {
            if (bearer(ctx)) return; // a script's credential: cross-site pages cannot send it
            if (!signedIn.test(ctx)) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new HttpError(401, "missing or wrong API token (send Authorization: Bearer <API_TOKEN>)", "Authorization");
            }
            sameOrigin.check(ctx); // a cookie travels with any site's request: writes must prove they are ours
        };
        config.routes.before("/api/*", check);
        config.routes.before("/metrics", check); // counts reveal traffic: same gate as the API
    }

    private boolean bearer(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        return matches(expected, given);
    }

    /** Comparing digests keeps the time independent of where the strings differ and of their lengths. */
    public static boolean matches(byte[] expectedDigest, String given) {
        return given != null && MessageDigest.isEqual(expectedDigest, sha256(given));
    }

    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
