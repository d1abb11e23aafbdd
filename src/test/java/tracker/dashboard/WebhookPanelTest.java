package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.TestServer;
import tracker.webhooks.Receiver;

/** The dashboard lists the endpoints with their latest attempts, never a secret; the README's screenshot comes from it. */
class WebhookPanelTest {
    @TempDir Path dir;

    @Test
    void the_webhook_panel_lists_each_endpoint_and_its_attempts_without_the_secret() throws Exception {
        Path out = Path.of("target", "screenshots", "webhooks.png");
        try (TestServer server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_SIMULATOR_SEED", "7"));
             Receiver receiver = new Receiver(); Browser browser = new Browser()) {
            String secret = WebhookScreenshot.take(server, receiver, browser, out);
            assertThat(browser.all("section.hook")).hasSize(2);
            assertThat(browser.text("section.hook h2")).isEqualTo(receiver.url());
            assertThat(browser.all("section.hook:first-of-type table.attempts tbody tr")).hasSizeGreaterThan(3);
            assertThat(browser.text("section.hook:first-of-type table.attempts")).contains("500").contains("answered 200");
            assertThat(browser.text("section.hook:nth-of-type(2) .hook-state")).startsWith("failing since");
            assertThat(browser.driver.getPageSource()).doesNotContain(secret.substring("whsec_".length()));
        }
        BufferedImage png = ImageIO.read(out.toFile());
        assertThat(png.getWidth()).isEqualTo(1280);
    }
}
