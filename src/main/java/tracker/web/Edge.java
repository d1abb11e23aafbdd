package tracker.web;

import com.sun.management.UnixOperatingSystemMXBean;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/** The HTTP edge in front of every route: body limits, graceful stop, error shape, path guard and auth. */
public final class Edge {
    /** Largest request body we read; also the longest JSON string we parse. */
    public static final int MAX_BODY = 64 * 1024;
    /** How long a stop waits for requests in flight; eSMS's own callback timeout is shorter. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Open connections at most (fewer when the file-descriptor limit is low). Far above the 300 of the send
     * benchmark and the few eSMS keeps, and above a 3,000-connection burst, which must not lock anyone out: at the
     * cap Jetty stops accepting and the rest wait in the kernel's backlog. Each costs a little memory, bounded.
     */
    public static final int MAX_CONNECTIONS = 5_000;
    /**
     * Connections the kernel holds for Jetty to accept (Java's default is 50, beyond which a client's connect waits
     * a second and retries): a burst of connections must not delay a fresh eSMS callback behind it.
     */
    static final int ACCEPT_QUEUE = 1024;
    /** At the cap, a connection idle this long is closed to make room (30 s otherwise). */
    static final Duration SHED_IDLE_AFTER = Duration.ofSeconds(5);
    /** File descriptors left for the database, logs and our own calls to eSMS when the cap follows the limit. */
    private static final int FDS_KEPT = 256;
    /** Request bodies held in memory at once, all requests together (a body is at most 64 KiB); beyond, 503. */
    public static final long MAX_BUFFERED = 16L * 1024 * 1024;
    /** A body must arrive at this average rate once {@link #BODY_GRACE} has passed: 64 KiB within 26 s at worst. */
    public static final long MIN_BODY_RATE = 4 * 1024;
    public static final Duration BODY_GRACE = Duration.ofSeconds(10);

    private Edge() {}

    /** {@code publicUrl}: PUBLIC_URL (or null), an origin the dashboard's writes may come from. */
    public static void install(JavalinConfig c, Auth auth, String publicUrl) {
        install(c, auth, publicUrl, connectionCap());
    }

    /** As above with another cap on open connections (a test's small one). */
    static void install(JavalinConfig c, Auth auth, String publicUrl, int maxConnections) {
        c.http.maxRequestSize = MAX_BODY;
        c.jetty.modifyServer(server -> {
            // bodies are collected without a thread (slowloris); inserted first, so it sits inside the graceful stop
            server.insertHandler(new WholeBodyFirst(MAX_BODY, MAX_BUFFERED, MIN_BODY_RATE, BODY_GRACE));
            // graceful stop: new requests get 503, requests in flight (callbacks awaiting their commit) finish
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            NetworkConnectionLimit cap = new NetworkConnectionLimit(maxConnections, server);
            cap.setEndPointIdleTimeout(SHED_IDLE_AFTER.toMillis());
            server.addBean(cap);
            server.addEventListener(new LifeCycle.Listener() {
                @Override public void lifeCycleStarting(LifeCycle starting) { // the connectors exist, not yet bound
                    for (Connector c : server.getConnectors()) {
                        if (c instanceof ServerConnector sc) sc.setAcceptQueueSize(ACCEPT_QUEUE);
                    }
                }
            });
            // outermost: every answer gets nosniff and no-store, even the graceful stop's 503
            server.insertHandler(new ApiHeaders());
        });
        ErrorMapping.register(c);
        PathGuard.register(c);
        auth.register(c, publicUrl);
    }

    /** {@link #MAX_CONNECTIONS}, or fewer so that connections alone cannot exhaust the process's file descriptors. */
    static int connectionCap() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            return (int) Math.max(64, Math.min(MAX_CONNECTIONS, os.getMaxFileDescriptorCount() - FDS_KEPT));
        }
        return MAX_CONNECTIONS;
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
