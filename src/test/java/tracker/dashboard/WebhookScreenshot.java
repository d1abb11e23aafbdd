package tracker.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;
import tracker.TestServer;
import tracker.webhooks.Receiver;

/**
 * Writes a PNG of the dashboard's webhook panel: the service with its simulator, a receiver on this machine that
 * fails once, an endpoint nothing listens on, three sends. {@code mvn -q -B test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.classpathScope=test
 * -Dexec.mainClass=tracker.dashboard.WebhookScreenshot -Dexec.args=docs/webhooks.png}
 */
public final class WebhookScreenshot {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/webhooks.png");
        Path dir = Files.createTempDirectory("tracker-webhooks");
        try (TestServer server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_SIMULATOR_SEED", "7"));
             Receiver receiver = new Receiver(); Browser browser = new Browser()) {
            take(server, receiver, browser, out);
        }
        System.out.println("screenshot written to " + out.toAbsolutePath());
        System.exit(0); // OkHttp and Jetty leave non-daemon threads that exec:java would otherwise wait for
    }

    /** Registers two endpoints, sends three messages, waits for their deliveries, shoots the panel; the first secret. */
    static String take(TestServer server, Receiver receiver, Browser browser, Path out) throws Exception {
        receiver.codes.add(500); // the first attempt fails: the log shows it, the retry 5 s later succeeds
        TestServer.Reply created = server.post("/api/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"message.status_changed\",\"journey.completed\"]}");
        if (created.status() != 201) throw new IllegalStateException(created.body());
        server.post("/api/webhooks", "{\"url\":\"http://127.0.0.1:9/nobody-listens\",\"events\":[\"account.alert\",\"journey.completed\"]}");
        for (String phone : new String[] {"0901230100", "0901230222", "0901230333"}) {
            TestServer.Reply r = server.send("DH-2026-11-0042", "{\"phone\":\"" + phone
                    + "\",\"templateId\":\"540679\",\"params\":[\"Nguyễn Văn An\",\"DH-2026-11-0042\"]}");
            if (r.status() >= 300) throw new IllegalStateException("send failed: " + r.body());
        }
        receiver.awaitRequests(1);
        TestServer.await("the failed attempt logged", () -> server.get("/api/webhooks/1/attempts").json().get("attempts").size() == 1);
        server.clock.advance(java.time.Duration.ofSeconds(5)); // its retry is due; the journey's later events wait for it
        TestServer.await("the journey to complete and its webhook to arrive",
                () -> receiver.answered2xx().stream().anyMatch(g -> g.type().equals("journey.completed")));
        TestServer.await("every delivery made", () -> server.get("/api/webhooks").json().get("endpoints").get(0).get("pending").asInt() == 0
                && receiver.snapshot().get(0).answered() == 500 && receiver.answered2xx().size() == receiver.snapshot().size() - 1);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1300));
        browser.open(server.url("/#/webhooks"));
        browser.awaitElement("section.hook[data-endpoint] table.attempts tr[data-ok=yes]");
        browser.awaitElement("section.hook:nth-of-type(2) .hook-state.warn"); // a refresh after its failed attempt
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, browser.driver.getScreenshotAs(OutputType.BYTES));
        return created.json().get("secret").asText();
    }
}
