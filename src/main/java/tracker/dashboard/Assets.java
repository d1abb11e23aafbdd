package tracker.dashboard;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import tracker.ledger.Refused;

/** The dashboard's static files, read once from the classpath and served with explicit types and headers. */
final class Assets {
    /** Only our own files may run or style the page; no inline script, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(byte[] bytes, String type) {}

    private final Map<String, Asset> files = new HashMap<>();

    Assets() {
        add("index.html", "text/html; charset=utf-8");
        add("app.js", "text/javascript; charset=utf-8");
        add("app.css", "text/css; charset=utf-8");
        add("favicon.svg", "image/svg+xml");
        add("screenshot.png", "image/png");
    }

    void serve(Context ctx, String name) {
        Asset a = files.get(name);
        if (a == null) throw Refused.unknown("no such file");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(a.type()).result(a.bytes());
    }

    private void add(String name, String type) {
        try (InputStream in = Assets.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                if (name.endsWith(".png")) return; // the screenshot is optional: written by a script
                throw new IllegalStateException("dashboard file missing from the jar: " + name);
            }
            files.put(name, new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
