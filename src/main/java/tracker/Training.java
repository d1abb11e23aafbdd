package tracker;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A build step, not a command (pom.xml runs it after the jar with -XX:ArchiveClassesAtExit=target/tracker.jsa): one
 * short run of the service on a throwaway database (migrations, a send to the simulator, a journey read), so that the
 * JVM archives every class this loads and later starts with -XX:SharedArchiveFile map them instead of loading them.
 */
public final class Training {
    private static final Logger log = LoggerFactory.getLogger(Training.class);

    private Training() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tracker-training");
        int code = 0;
        try {
            Config config = Config.fromEnv(Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("training.sqlite"),
                    "HOST", "127.0.0.1", "PORT", "0", "ESMS_SIMULATOR", "on", "NIGHT_RESEND", "off"));
            Javalin app = App.create(config).start(0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                call(base + "/health", null);
                call(base + "/health/live", null);
                call(base + "/api/journeys/training-1/messages", "{\"phone\":\"0912345678\",\"templateId\":\"T1001\","
                        + "\"params\":[\"Nguyen Van A\",\"SO-1001\"],\"requestId\":\"training-1\"}");
                call(base + "/api/journeys/training-1", null);
                call(base + "/api/journeys?q=0912345678", null);
                call(base + "/metrics", null);
            } finally {
                app.stop();
            }
        } catch (Exception e) {
            log.error("training run for the class-data-sharing archive failed in {}; the build goes on without one", dir, e);
            code = 1; // no archive worth keeping; the service starts without one
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(code); // the archive is written at exit
    }

    private static void call(String url, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (json != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) in.readAllBytes();
        }
        log.info("training: {} {}", status, url);
    }
}
