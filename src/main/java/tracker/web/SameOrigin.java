package tracker.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * A write that only the dashboard's session cookie authenticates must prove it comes from the dashboard's own page:
 * browsers send {@code Sec-Fetch-Site: same-origin} (or an {@code Origin}) that no other site can forge, and a body
 * must be {@code application/json}, which no cross-site form can send without a CORS preflight we never grant.
 */
final class SameOrigin {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** scheme://host[:port] of PUBLIC_URL, or null when it is not set. */
    private final String publicOrigin;

    SameOrigin(String publicUrl) { this.publicOrigin = publicUrl == null ? null : origin(publicUrl); }

    /** Throws 403 when {@code ctx} is a write without proof that it comes from our own page. */
    void check(Context ctx) {
        if (!WRITES.contains(ctx.method().name())) return;
        if (!"same-origin".equalsIgnoreCase(ctx.header("Sec-Fetch-Site")) && !ownOrigin(ctx.header("Origin"), ctx)) {
            throw new HttpError(403, "a change made with the dashboard's session cookie must come from the dashboard's own "
                    + "page (Sec-Fetch-Site: same-origin or an Origin of this service); other clients use the bearer token",
                    "Origin");
        }
        boolean body = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (body && !JsonBody.declared(ctx.header("Content-Type"))) {
            throw new HttpError(403, "a change made with the dashboard's session cookie must send its body as "
                    + "application/json", "Content-Type");
        }
    }

    private boolean ownOrigin(String origin, Context ctx) {
        if (origin == null) return false;
        String o = origin.strip().toLowerCase(Locale.ROOT);
        String host = ctx.header("Host");
        return o.equals(publicOrigin) || host != null && o.equals((ctx.scheme() + "://" + host).toLowerCase(Locale.ROOT));
    }

    /** "https://tracker.example.com" of "https://tracker.example.com/some/path", lower case. */
    static String origin(String url) {
        URI u = URI.create(url);
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        return (u.getScheme() + "://" + u.getHost() + port).toLowerCase(Locale.ROOT);
    }
}
