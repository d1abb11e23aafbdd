package tracker.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tracker.TestServer;

/**
 * The real service as a separate JVM ({@code java -cp <test classpath> tracker.App}) over a real SQLite file,
 * so tests can kill it with SIGKILL, limit its file size with prlimit, or lock its database from outside. It runs
 * with {@link #API_TOKEN} unless a test sets its own token or HOST; its calls carry the token the child runs with.
 */
final class ChildService implements AutoCloseable {
    static final String CALLBACK_SECRET = "hardening-callback-secret-0123456789";
    static final String API_KEY = "child-esms-api-key-7f3a";
    static final String SECRET_KEY = "child-esms-secret-key-9c1d";
    static final String API_TOKEN = "child-service-api-token-0123456789";

    final Path dbFile;
    /** The child's database, whichever the engine (tests that look at it use this). */
    final String databaseUrl;
    final int port;
    final Map<String, String> env = new HashMap<>();
    /** The child's heap limit, e.g. "-Xmx256m" for a test that measures the heap against it. */
    String maxHeap = "-Xmx192m";
    final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30)).retryOnConnectionFailure(false)
            .addInterceptor(chain -> chain.proceed(withToken(chain.request()))).build();
    private final StringBuffer output = new StringBuffer();
    private Process process;
    private Thread drain;

    ChildService(Path dir, String esmsBaseUrl, Map<String, String> extraEnv) {
        this.dbFile = dir.resolve("journeys.sqlite");
        this.port = freePort();
        env.put("PORT", String.valueOf(port));
        this.databaseUrl = extraEnv.getOrDefault("DATABASE_URL", tracker.TestDatabases.fresh(dir));
        env.put("DATABASE_URL", databaseUrl);
        env.put("ESMS_SIMULATOR", "off");
        env.put("ESMS_BASE_URL", esmsBaseUrl);
        env.put("ESMS_STATUS_BASE_URL", esmsBaseUrl);
        env.put("ESMS_API_KEY", API_KEY);
        env.put("ESMS_SECRET_KEY", SECRET_KEY);
        env.put("ESMS_OAID", "4097311281936189049");
        env.put("CALLBACK_SECRET", CALLBACK_SECRET);
        env.putAll(extraEnv);
        if (!env.containsKey("API_TOKEN") && !env.containsKey("HOST")) env.put("API_TOKEN", API_TOKEN);
    }

    private Request withToken(Request r) {
        String token = env.get("API_TOKEN");
        if (token == null || r.header("Authorization") != null) return r;
        return r.newBuilder().header("Authorization", "Bearer " + token).build();
    }

    /** Starts the JVM and returns once /health/live answers; fails with the child's output if it dies first. */
    ChildService start() {
        launch();
        try {
            TestServer.await("the child to answer /health/live", Duration.ofSeconds(60), () -> {
                if (!process.isAlive()) throw new AssertionError("child exited with " + process.exitValue() + ":\n" + output);
                return live();
            });
        } catch (AssertionError notLive) {
            if (!process.isAlive()) throw notLive;
            throw new AssertionError("child not live after 60 s:\n" + output, notLive);
        }
        return this;
    }

    /** Starts the JVM without waiting for it. */
    void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "tracker.App");
        pb.environment().clear(); // nothing from the test's environment leaks into the child's configuration
        pb.environment().putAll(env);
        pb.redirectErrorStream(true); // a pipe, not a file: prlimit --fsize must not hit the child's log
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the child JVM", e);
        }
        drain = new Thread(() -> copy(process.getInputStream()), "child-output");
        drain.setDaemon(true);
        drain.start();
    }

    long pid() { return process.pid(); }

    boolean alive() { return process != null && process.isAlive(); }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and wait: the graceful path. */
    void stop() {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the child printed; once it has exited, all of it (the copying thread is waited for). */
    String output() {
        try {
            if (process != null && !process.isAlive() && drain != null) drain.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output.toString();
    }

    String url(String path) { return "http://127.0.0.1:" + port + path; }

    TestServer.Reply call(Request.Builder req) {
        try (Response res = http.newCall(req.build()).execute()) {
            String body = res.body().string();
            com.fasterxml.jackson.databind.JsonNode node = null;
            try {
                node = body.isEmpty() ? null : TestServer.JSON.readTree(body);
            } catch (IOException notJson) { /* leave null */ }
            return new TestServer.Reply(res.code(), node, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    TestServer.Reply get(String path) { return call(new Request.Builder().url(url(path)).get()); }

    TestServer.Reply send(String orderId, String json) {
        return call(new Request.Builder().url(url("/api/journeys/" + orderId + "/messages"))
                .post(okhttp3.RequestBody.create(json, okhttp3.MediaType.get("application/json"))));
    }

    private boolean live() {
        try (Response res = http.newCall(new Request.Builder().url(url("/health/live")).build()).execute()) {
            return res.code() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        } catch (IOException closed) { /* the child is gone */ }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Paces a load or an attack (kill moments, a slow client's bytes): never a wait for something to happen. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override public void close() { stop(); }
}
