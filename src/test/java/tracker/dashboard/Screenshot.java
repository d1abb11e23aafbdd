package tracker.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;
import tracker.TestServer;

/**
 * Writes a PNG of the real journey page: the service with its eSMS simulator, a few messages, headless Chromium.
 * {@code mvn -q -B test-compile org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.classpathScope=test
 * -Dexec.mainClass=tracker.dashboard.Screenshot -Dexec.args=src/main/resources/dashboard/screenshot.png}
 */
public final class Screenshot {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/journey.png");
        Path dir = Files.createTempDirectory("tracker-screenshot");
        try (TestServer server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_SIMULATOR_SEED", "7"));
             Browser browser = new Browser()) {
            take(server, browser, out);
            if (args.length > 1) { // the home page too, for a look at the overview
                browser.open(server.url("/"));
                browser.awaitElement("#window-24h");
                Files.write(Path.of(args[1]), browser.driver.getScreenshotAs(OutputType.BYTES));
            }
        }
        System.out.println("screenshot written to " + out.toAbsolutePath());
        System.exit(0); // OkHttp and Jetty leave non-daemon threads that exec:java would otherwise wait for
    }

    /**
     * A three-step order spread over a day (the test clock jumps between steps and runs 20× fast meanwhile, so
     * callbacks get plausible times): delivered, delivered after duplicate callbacks, failed with a Zalo error.
     */
    static void take(TestServer server, Browser browser, Path out) throws Exception {
        String order = "DH-2026-11-0042";
        Thread fast = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                server.clock.advance(java.time.Duration.ofMillis(1000));
                try { Thread.sleep(50); } catch (InterruptedException e) { return; }
            }
        });
        fast.setDaemon(true);
        fast.start();
        try {
            step(server, order, "0901230100", "540679", "đã xác nhận", java.time.Duration.ofHours(2));
            step(server, order, "0901230222", "540680", "đang giao hàng", java.time.Duration.ofHours(5));
            step(server, order, "0901230114", "540681", "giao hàng thành công", java.time.Duration.ZERO);
        } finally {
            fast.interrupt();
        }
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
        browser.open(server.url("/#/journey/" + order));
        browser.awaitElement("section.msg[data-status=FAILED] .reason");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, browser.driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Sends one message, waits until it is final, then moves the clock on to the next step of the journey. */
    private static void step(TestServer server, String order, String phone, String template, String what,
                             java.time.Duration then) {
        TestServer.Reply r = server.send(order, "{\"phone\":\"" + phone + "\",\"templateId\":\"" + template
                + "\",\"params\":[\"Nguyễn Văn An\",\"" + order + "\",\"" + what + "\"]}");
        if (r.status() >= 300) throw new IllegalStateException("send failed: " + r.body());
        long id = r.json().get("id").asLong();
        TestServer.await("message " + id + " final", () -> {
            String s = server.get("/api/messages/" + id).json().get("status").asText();
            return s.equals("DELIVERED") || s.equals("FAILED");
        });
        server.clock.advance(then);
    }
}
