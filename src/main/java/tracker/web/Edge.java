package tracker.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The HTTP edge in front of every route: body limits, graceful stop, error shape, path guard and auth. */
public final class Edge {
    /** Largest request body we read; also the longest JSON string we parse. */
    public static final int MAX_BODY = 64 * 1024;
    /** How long a stop waits for requests in flight; eSMS's own callback timeout is shorter. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private Edge() {}

    /** {@code publicUrl}: PUBLIC_URL (or null), an origin the dashboard's writes may come from. */
    public static void install(JavalinConfig c, Auth auth, String publicUrl) {
        c.http.maxRequestSize = MAX_BODY;
        c.jetty.modifyServer(server -> {
            // bodies are collected without a thread (slowloris); inserted first, so it sits inside the graceful stop
            server.insertHandler(new WholeBodyFirst(MAX_BODY));
            // graceful stop: new requests get 503, requests in flight (callbacks awaiting their commit) finish
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            // outermost: every answer gets nosniff and no-store, even the graceful stop's 503
            server.insertHandler(new ApiHeaders());
        });
        ErrorMapping.register(c);
        PathGuard.register(c);
        auth.register(c, publicUrl);
    }

    /** The route template (never the raw path, which holds ids and callback tokens), for HTTP metrics. */
    public static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
    }
}
