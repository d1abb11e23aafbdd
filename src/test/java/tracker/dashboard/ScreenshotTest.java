package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.TestServer;

/** The README's screenshot comes from the real page: this keeps the script that takes it working. */
class ScreenshotTest {
    @TempDir Path dir;

    @Test
    void a_screenshot_of_the_real_journey_page_is_written() throws Exception {
        Path out = Path.of("target", "screenshots", "journey.png");
        try (TestServer server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_SIMULATOR_SEED", "7"));
             Browser browser = new Browser()) {
            Screenshot.take(server, browser, out);
            assertThat(browser.all("section.msg")).hasSize(3);
            assertThat(browser.text(".reason-words")).startsWith("Zalo -114:");
        }
        BufferedImage png = ImageIO.read(out.toFile());
        assertThat(png.getWidth()).isEqualTo(1280);
        assertThat(png.getHeight()).isGreaterThan(1000);
    }
}
