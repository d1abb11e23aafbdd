package tracker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import tracker.TestServer;
import tracker.dashboard.Browser;

/** /docs in headless Chromium, under its own Content-Security-Policy, with the API token set: it renders and calls. */
class DocsBrowserTest {
    @TempDir static Path dir;
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "API_TOKEN", "docs-browser-test-token-0123456789"));
        browser = new Browser();
        // before any script of the page: remember what the page's CSP refused (devtools' script is not subject to it)
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.refused = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.refused.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @Test
    void the_docs_page_renders_every_operation_and_tries_one_without_breaking_its_csp() throws Exception {
        browser.open(server.url("/docs"));
        Description description = new Description(server.get("/openapi.json").body());
        int described = description.operations().size() + description.webhooks().size(); // the webhooks we send are shown as operations too
        browser.await("every operation on the page", d -> d.findElements(By.cssSelector(".opblock")).size() == described);
        assertThat(browser.awaitElement(".info .title").getText()).contains("eSMS journey tracker");
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(shots.resolve("docs.png"), browser.driver.getScreenshotAs(OutputType.BYTES));
        assertThat(refused()).as("refused by the page's CSP").isEmpty();

        browser.awaitElement("#operations-operations-live .opblock-summary").click();
        browser.awaitElement("#operations-operations-live .try-out__btn").click();
        browser.awaitElement("#operations-operations-live .execute").click();
        String status = browser.await("the answer of /health/live", d -> d.findElements(By.cssSelector(
                "#operations-operations-live .live-responses-table .response-col_status")).stream()
                .map(e -> e.getText()).filter(t -> t.matches("(?s)\\d{3}.*")).findFirst().orElse(null));
        assertThat(status).contains("200");

        Files.write(shots.resolve("docs-try-it-out.png"), browser.driver.getScreenshotAs(OutputType.BYTES));
        assertThat(refused()).as("refused by the page's CSP").isEmpty();
    }

    private static List<?> refused() { return (List<?>) browser.driver.executeScript("return window.refused"); }
}
