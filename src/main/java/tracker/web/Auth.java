package tracker.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Predicate;

/** API_TOKEN: when set, every /api/* call and /metrics need "Authorization: Bearer <token>", checked in constant time. */
public final class Auth {
    private Auth() {}

    /** {@code signedIn} accepts a request that carries another valid credential: the dashboard's session cookie. */
    public static void register(JavalinConfig config, String apiToken, Predicate<Context> signedIn) {
        if (apiToken == null) return;
        byte[] expected = sha256(apiToken);
        io.javalin.http.Handler check = ctx -> {
            String header = ctx.header("Authorization");
            String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
            if (!matches(expected, given) && !signedIn.test(ctx)) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new HttpError(401, "missing or wrong API token (send Authorization: Bearer <API_TOKEN>)", "Authorization");
            }
        };
        config.routes.before("/api/*", check);
        config.routes.before("/metrics", check); // counts reveal traffic: same gate as the API
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
