package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import tracker.TestServer;

/** With API_TOKEN set, the page asks for the token once and then works on a session cookie, live included. */
class SignInBrowserTest {
    static final String TOKEN = "browser-sign-in-token-0123456789";
    @TempDir Path dir;
    TestServer server;
    Browser browser;

    @BeforeEach
    void start() {
        server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "API_TOKEN", TOKEN));
        browser = new Browser();
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    private void send(String orderId, String phone) {
        TestServer.Reply r = server.call(new Request.Builder().url(server.url("/api/journeys/" + orderId + "/messages"))
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create("{\"phone\":\"" + phone + "\",\"templateId\":\"540679\",\"params\":[\"Bùi Thị K\"]}",
                        MediaType.get("application/json"))));
        assertThat(r.status()).as(r.body()).isLessThan(300);
    }

    @Test
    void the_page_asks_for_the_token_once_then_shows_the_data_live_on_a_session_cookie() {
        send("HD-AUTH-1", "0901310100");
        browser.open(server.url("/"));

        browser.awaitElement("#token");
        assertThat(browser.all("#journeys")).isEmpty(); // nothing of the data before signing in
        assertThat(browser.find("main").getText()).doesNotContain("HD-AUTH-1");

        browser.find("#token").sendKeys("wrong-token-wrong-token", Keys.ENTER);
        browser.await("the refusal", d -> d.findElement(By.id("login-error")).getText().contains("not the right token"));

        browser.find("#token").sendKeys(TOKEN, Keys.ENTER);
        browser.await("the list after sign-in", d -> !d.findElements(By.cssSelector("tr[data-order='HD-AUTH-1']")).isEmpty());

        Cookie cookie = browser.driver.manage().getCookieNamed("tracker_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getValue()).doesNotContain(TOKEN);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(TOKEN);
        assertThat(browser.js("return document.cookie")).isEqualTo(""); // HttpOnly: page scripts cannot read it

        browser.awaitElement(".live.on"); // the event stream is authorised by the cookie too
        send("HD-AUTH-2", "0901320100");
        browser.await("a new order arrives live", d -> !d.findElements(By.cssSelector("tr[data-order='HD-AUTH-2']")).isEmpty());

        browser.driver.navigate().refresh(); // asked once: a reload stays signed in
        browser.await("still signed in", d -> !d.findElements(By.cssSelector("tr[data-order='HD-AUTH-1']")).isEmpty());
        assertThat(browser.all("#token")).isEmpty();
    }

    @Test
    void signing_out_asks_for_the_token_again() {
        browser.open(server.url("/"));
        browser.awaitElement("#token").sendKeys(TOKEN, Keys.ENTER);
        browser.awaitElement("#journeys");

        browser.click("#logout");

        browser.awaitElement("#token");
        browser.driver.navigate().refresh();
        browser.awaitElement("#token");
        assertThat(browser.all("#journeys")).isEmpty();
    }
}
