package tracker.web;

import io.javalin.config.JavalinConfig;
import java.util.Locale;
import tracker.ledger.Refused;

/**
 * Refuses request paths that different parsers could read differently (encoded slashes or dots, {@code ;params},
 * backslashes, empty, dot or dot-ending segments), so no spelling reaches a route by a side door or skips auth.
 * Our own URLs never contain any of these.
 */
public final class PathGuard {
    private PathGuard() {}

    public static void register(JavalinConfig config) {
        config.routes.before(ctx -> {
            String reason = problem(ctx.req().getRequestURI());
            if (reason != null) throw Refused.invalid("ambiguous request path: " + reason, "path");
        });
    }

    /** Why {@code rawPath} (as received, still percent-encoded) is refused, or null when it is canonical. */
    static String problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) return "it must start with /";
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.indexOf(';') >= 0) return "path parameters (;) are not accepted";
        if (lower.indexOf('\\') >= 0 || lower.contains("%5c")) return "backslashes are not accepted";
        if (lower.contains("%2f") || lower.contains("%2e")) return "encoded slashes or dots are not accepted";
        if (lower.contains("//")) return "empty path segments are not accepted";
        String[] segments = lower.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean trailingSlash = i == segments.length - 1 && s.isEmpty();
            if (!trailingSlash && s.endsWith(".")) return "segments may not be or end with a dot";
        }
        return null;
    }
}
