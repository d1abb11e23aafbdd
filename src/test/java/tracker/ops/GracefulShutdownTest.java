package tracker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.EsmsTestBase;
import tracker.FakeEsms;
import tracker.TestDatabases;
import tracker.TestServer;
import tracker.callback.CallbackTokens;
import tracker.ledger.CallbackLimits;

/** The real service as a child process (java tracker.App), stopped with SIGTERM in the middle of a callback burst. */
class GracefulShutdownTest {
    private static final String SECRET = "shutdown-test-callback-secret-0123456789";
    private static final String TOKEN = "shutdown-test-api-token-0123456789";
    /** Enough messages that the burst gives none more than the distinct callbacks a message keeps. */
    private static final int MESSAGES = 40;
    private static final int BURST_LIMIT = MESSAGES * CallbackLimits.MAX_DISTINCT;

    @StartStop final MockWebServer esms = new MockWebServer();
    @TempDir Path dir;

    private Path log;
    private Process child;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

    @Test
    void sigterm_during_a_burst_of_callbacks_loses_none_that_were_answered_200() throws Exception {
        esms.setDispatcher(new FakeEsms());
        String db = TestDatabases.fresh(dir);
        child = start(db);
        int port = awaitPort();
        for (int i = 0; i < MESSAGES; i++) {
            String body = EsmsTestBase.body("0901888484", null);
            try (Response r = http.newCall(new Request.Builder().url("http://localhost:" + port + "/api/journeys/HD6" + i + "/messages")
                    .header("Authorization", "Bearer " + TOKEN)
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
                assertThat(r.code()).isEqualTo(201);
            }
        }

        Set<Integer> answered200 = ConcurrentHashMap.newKeySet();
        AtomicInteger seq = new AtomicInteger();
        CallbackTokens tokens = new CallbackTokens(SECRET, null);
        ExecutorService burst = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            burst.submit(() -> {
                int failures = 0;
                while (failures < 20) {
                    int n = seq.incrementAndGet();
                    if (n > BURST_LIMIT) return; // each message has had its share
                    long id = n % MESSAGES + 1;
                    String url = "http://localhost:" + port + "/callbacks/" + id + "/" + tokens.token(id)
                            + "?SMSID=S" + id + "&SendStatus=7&SendSuccess=0&SendFailed=0&seq=" + n;
                    try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
                        if (r.code() == 200) answered200.add(n);
                        else failures++;
                    } catch (IOException refusedOrClosed) {
                        failures++;
                    }
                }
            });
        }
        TestServer.await("a burst under way", () -> answered200.size() >= 300);
        child.destroy(); // SIGTERM on Linux
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the service stops after SIGTERM").isTrue();
        burst.shutdown();
        assertThat(burst.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        Set<Integer> stored = ConcurrentHashMap.newKeySet();
        try (Connection c = DriverManager.getConnection(db);
             ResultSet rs = c.createStatement().executeQuery("SELECT detail FROM event WHERE type = 'CALLBACK'")) {
            while (rs.next()) stored.add(TestServer.JSON.readTree(rs.getString(1)).get("fields").get("seq").asInt());
        }
        assertThat(answered200).hasSizeGreaterThanOrEqualTo(300);
        assertThat(stored).containsAll(answered200);
        List<String> output = Files.readAllLines(log);
        assertThat(output).anySatisfy(l -> assertThat(l).contains("SIGTERM: stopping"));
        assertThat(output).anySatisfy(l -> assertThat(l).contains("\"stopped\""));
        assertLogsAreJsonWithoutSecrets(output);
    }

    private void assertLogsAreJsonWithoutSecrets(List<String> output) throws IOException {
        boolean sawSend = false;
        for (String line : output) {
            JsonNode n = TestServer.JSON.readTree(line);
            assertThat(n.has("level")).as(line).isTrue();
            String msg = n.path("formattedMessage").asText();
            if (msg.startsWith("send order=")) {
                sawSend = true;
                assertThat(msg).contains("message=").contains("smsId=S").contains("phone=0901***484");
            }
            assertThat(line).doesNotContain("0901888484").doesNotContain(SECRET).doesNotContain("test-secret-key");
        }
        assertThat(sawSend).isTrue();
    }

    private Process start(String db) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        log = dir.resolve("child.log");
        // to a file, not a pipe: Process.destroy() closes our end of the pipe, and the shutdown's lines would be lost
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, "tracker.App").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("PORT", "0");
        env.put("DATABASE_URL", db);
        env.put("ESMS_SIMULATOR", "off");
        env.put("ESMS_API_KEY", "test-api-key");
        env.put("ESMS_SECRET_KEY", "test-secret-key");
        env.put("ESMS_OAID", "4097311281936189049");
        env.put("ESMS_BASE_URL", esms.url("/").toString().replaceAll("/$", ""));
        env.put("ESMS_STATUS_BASE_URL", esms.url("/").toString().replaceAll("/$", ""));
        env.put("CALLBACK_SECRET", SECRET);
        env.put("API_TOKEN", TOKEN); // the simulator is off: the service refuses to start without one
        env.put("LOG_FORMAT", "json");
        return pb.start();
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A JVM start on a busy machine can take a while: up to 60 s. */
    private int awaitPort() {
        Pattern port = Pattern.compile("listening on port (\\d+)");
        int[] found = {0};
        TestServer.await("the child to say it is listening", Duration.ofSeconds(60), () -> {
            for (String l : lines()) {
                Matcher m = port.matcher(l);
                if (m.find()) found[0] = Integer.parseInt(m.group(1));
            }
            return found[0] > 0;
        });
        return found[0];
    }

    @AfterEach
    void killLeftovers() {
        if (child != null && child.isAlive()) child.destroyForcibly();
    }
}
