package tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real service in-process on a free port, over a real SQLite file, with an HTTP client for tests. With the
 * simulator off the service needs API_TOKEN: unless a test sets its own (or HOST), it runs with {@link #TOKEN},
 * and this server's calls carry it by themselves; a test that sets API_TOKEN handles authorization itself.
 */
public final class TestServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The API token of a simulator-off server whose test set none. */
    public static final String TOKEN = "test-server-api-token-0123456789";
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    public final MutableClock clock;
    /** The SQLite file (tests marked {@link SqliteOnly}); on a PostgreSQL run see {@link #databaseUrl}. */
    public final Path dbFile;
    /** The database this server runs on, whichever the engine: for tests that look at it directly. */
    public final String databaseUrl;
    /** False when the test handed in the database (e.g. a second instance on the first one's): then it is not dropped. */
    private final boolean ownsDatabase;
    public final Map<String, String> env;
    public final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20))
            .addInterceptor(chain -> chain.proceed(withDefaultToken(chain.request()))).build();
    private Javalin app;

    /** A reply: status code and parsed JSON body (null when not JSON). */
    public record Reply(int status, JsonNode json, String body) {}

    public TestServer(Path dir, String esmsBaseUrl, Map<String, String> extraEnv) {
        this.clock = new MutableClock(Instant.parse("2026-11-28T08:00:00.000Z"));
        this.dbFile = dir.resolve("journeys.sqlite");
        this.ownsDatabase = !extraEnv.containsKey("DATABASE_URL");
        this.databaseUrl = ownsDatabase ? TestDatabases.fresh(dir) : extraEnv.get("DATABASE_URL");
        this.env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", databaseUrl);
        env.put("ESMS_SIMULATOR", "off");
        env.put("ESMS_API_KEY", "test-api-key");
        env.put("ESMS_SECRET_KEY", "test-secret-key");
        env.put("ESMS_OAID", "4097311281936189049");
        if (esmsBaseUrl != null) {
            env.put("ESMS_BASE_URL", esmsBaseUrl);
            env.put("ESMS_STATUS_BASE_URL", esmsBaseUrl);
        }
        env.putAll(extraEnv);
        if ("off".equals(env.get("ESMS_SIMULATOR")) && !env.containsKey("API_TOKEN") && !env.containsKey("HOST")) {
            env.put("API_TOKEN", TOKEN);
        }
        start();
    }

    /** "Authorization: Bearer TOKEN" while the server runs with the default token, for raw requests. */
    public String[] authHeader() {
        return TOKEN.equals(env.get("API_TOKEN")) ? new String[] {"Authorization: Bearer " + TOKEN} : new String[0];
    }

    private Request withDefaultToken(Request r) {
        if (!TOKEN.equals(env.get("API_TOKEN")) || r.header("Authorization") != null) return r;
        return r.newBuilder().header("Authorization", "Bearer " + TOKEN).build();
    }

    public TestServer start() {
        Config config = Config.fromEnv(env).withClock(clock, Duration.ofMillis(50));
        app = App.create(config).start(0);
        return this;
    }

    /** Closes the client's idle connections first: a graceful stop would otherwise wait for them to time out. */
    public void stop() {
        http.connectionPool().evictAll();
        app.stop();
    }

    /** The running Javalin, e.g. for the routes it registered. */
    public Javalin app() { return app; }

    public String url(String path) { return "http://localhost:" + app.port() + path; }

    public int port() { return app.port(); }

    public Reply get(String path) { return call(new Request.Builder().url(url(path)).get()); }

    public Reply post(String path, String json) {
        return call(new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON_TYPE)));
    }

    public Reply send(String orderId, String json) { return post("/api/journeys/" + orderId + "/messages", json); }

    public Reply call(Request.Builder req) {
        try (Response res = http.newCall(req.build()).execute()) {
            String body = res.body().string();
            JsonNode node = null;
            try {
                node = body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException notJson) { /* leave null */ }
            return new Reply(res.code(), node, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a raw HTTP/1.1 GET with the target exactly as given (no client re-encoding); returns the status. */
    public int rawGet(String target) {
        try (Socket s = new Socket("localhost", app.port())) {
            OutputStream out = s.getOutputStream();
            String auth = authHeader().length == 0 ? "" : authHeader()[0] + "\r\n";
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            in.readAllBytes();
            return Integer.parseInt(head.substring(9, 12));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One counter from /metrics, e.g. "tracker_retry_passes_total" (0 until first counted). */
    public double counter(String name) {
        Request.Builder req = new Request.Builder().url(url("/metrics")).get();
        String token = env.get("API_TOKEN");
        if (token != null) req.header("Authorization", "Bearer " + token); // /metrics shares the API's gate
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(call(req).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits until {@code counter} has risen by {@code n} from its value now. */
    public void awaitRise(String counter, int n) {
        double target = counter(counter) + n;
        await(counter + " to rise by " + n, () -> counter(counter) >= target);
    }

    /** Waits for a whole retry-loop pass after this call: it counts at a pass's end, so +1 may be one begun before. */
    public void awaitRetryPass() { awaitRise("tracker_retry_passes_total", 2); }

    /** Waits for a whole reconciler pass after this call: it counts at a pass's start, so +2 means the +1 one ended. */
    public void awaitReconcilePass() { awaitRise("tracker_reconcile_passes_total", 2); }

    /** Path part of a callback URL the service handed to eSMS. */
    public static String pathOf(String callbackUrl) { return callbackUrl.replaceFirst("^https?://[^/]+", ""); }

    public static void await(String what, BooleanSupplier condition) { await(what, Duration.ofSeconds(20), condition); }

    /** Polls {@code condition} (every 20 ms) until it holds; fails naming {@code what} after {@code within}. */
    public static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Runs statements on this server's database, beside the server (on SQLite waiting up to 5 s for its writer). */
    public void exec(String... statements) {
        try (java.sql.Connection c = connect(); java.sql.Statement s = c.createStatement()) {
            if (!TestDatabases.POSTGRES) s.execute("PRAGMA busy_timeout = 5000");
            for (String sql : statements) s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection to this server's database, for a test that reads or changes it directly. */
    public java.sql.Connection connect() throws java.sql.SQLException { return TestDatabases.connect(databaseUrl); }

    @Override public void close() {
        stop();
        if (ownsDatabase) TestDatabases.drop(databaseUrl);
    }
}
