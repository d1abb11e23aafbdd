package tracker.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through the system chromedriver: both paths are set, so Selenium never tries to
 * download a browser or driver. The browser runs in Vietnam's time zone, as the shops using it do.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String ZONE = "Asia/Ho_Chi_Minh";

    public final ChromeDriver driver;

    public Browser() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--lang=en-US", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(CHROMEDRIVER))
                .withEnvironment(Map.of("TZ", ZONE, "LANG", "en_US.UTF-8"))
                .build();
        driver = new ChromeDriver(service, options);
    }

    public void open(String url) { driver.get(url); }

    WebElement find(String css) { return driver.findElement(By.cssSelector(css)); }

    List<WebElement> all(String css) { return driver.findElements(By.cssSelector(css)); }

    /**
     * Waits (up to 10 s, for a slow shared machine) until the condition holds; returns its value. Live pages
     * re-render, so an element that went stale meanwhile just means "look again".
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** The text of the first element matching css, read again if a live update replaced it meanwhile. */
    String text(String css) { return await(css + " to appear", d -> d.findElement(By.cssSelector(css)).getText()); }

    /** Clicks the element, looking it up again if a live update replaced it in between. */
    void click(String css) {
        await("click " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** The first element matching css once it is on the page. */
    public WebElement awaitElement(String css) {
        return await(css + " to appear", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    @Override public void close() { driver.quit(); }
}
