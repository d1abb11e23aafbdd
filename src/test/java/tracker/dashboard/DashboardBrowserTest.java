package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tracker.TestServer;
import tracker.callback.CallbackTokens;

/** The real page in headless Chromium against the real service with its embedded eSMS simulator. */
class DashboardBrowserTest {
    static final String SECRET = "browser-test-callback-secret-0123456789";
    @TempDir static Path dir;
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_SIMULATOR_SEED", "1",
                "CALLBACK_SECRET", SECRET));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** Sends one message through the API (the simulator plays eSMS); returns the message JSON. */
    static JsonNode send(TestServer server, String orderId, String phone, String... params) {
        var body = TestServer.JSON.createObjectNode().put("phone", phone).put("templateId", "540679");
        var array = body.putArray("params");
        for (String p : params) array.add(p);
        TestServer.Reply r = server.send(orderId, body.toString());
        assertThat(r.status()).as(r.body()).isLessThan(300);
        return r.json();
    }

    static String status(String orderId, int message) {
        return server.get("/api/journeys/" + orderId).json().get("messages").get(message).get("status").asText();
    }

    private WebElement card(int step) {
        return browser.await("message card " + step, d -> {
            List<WebElement> cards = d.findElements(By.cssSelector("section.msg"));
            return cards.size() > step ? cards.get(step) : null;
        });
    }

    private void openJourney(String orderId) {
        browser.open(server.url("/#/journey/" + java.net.URLEncoder.encode(orderId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        browser.awaitElement("#order-id");
    }

    @Test
    void an_order_id_with_slashes_is_listed_and_its_journey_opens() {
        String order = "HD/2026/0042";
        TestServer.Reply r = server.post("/api/messages", "{\"orderId\":\"" + order + "\",\"phone\":\"0901230100\","
                + "\"templateId\":\"540679\",\"params\":[\"A\"]}");
        assertThat(r.status()).as(r.body()).isLessThan(300);
        long id = r.json().get("id").asLong();
        TestServer.await("its callbacks, so no live update redraws the page under the test", () ->
                server.get("/api/messages/" + id).json().get("status").asText().equals("DELIVERED"));
        browser.open(server.url("/"));
        WebElement q = browser.awaitElement("#q");
        q.sendKeys(order, Keys.ENTER);
        // the list re-renders as callbacks arrive: take the link's address in one look, then follow it
        String href = browser.await("the order listed", d -> {
            List<WebElement> links = d.findElements(By.cssSelector("#journeys tbody tr[data-order='" + order + "'] a"));
            try {
                return links.isEmpty() ? null : links.get(0).getAttribute("href");
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                return null;
            }
        });
        assertThat(href).contains("#/journey/");
        browser.open(href);
        assertThat(browser.awaitElement("#order-id").getText()).isEqualTo(order);
        assertThat(browser.awaitElement("section.msg").getAttribute("data-message")).isEqualTo(String.valueOf(id));
    }

    @Test
    void search_by_order_id_lists_the_order_and_a_click_opens_its_journey() {
        send(server, "HD-SEARCH-7", "0901230100", "Nguyễn Văn A", "HD-SEARCH-7");
        send(server, "HD-OTHER-8", "0901240100", "Trần Thị B");
        browser.open(server.url("/"));

        WebElement q = browser.awaitElement("#q");
        q.sendKeys("HD-SEARCH-7", Keys.ENTER);
        browser.await("only the searched order is listed", d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#journeys tbody tr"));
            return rows.size() == 1 && "HD-SEARCH-7".equals(rows.get(0).getAttribute("data-order"));
        });
        browser.click("#journeys tbody tr");

        assertThat(browser.awaitElement("#order-id").getText()).isEqualTo("HD-SEARCH-7");
        assertThat(browser.text("section.msg .params")).contains("Nguyễn Văn A");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/journey/HD-SEARCH-7");
    }

    @Test
    void search_by_phone_in_international_form_finds_the_order() {
        send(server, "HD-PHONE-9", "0901250100", "Lê Văn C");
        browser.open(server.url("/#/?q=%2B84901250100"));
        browser.await("the order found by phone", d -> !d.findElements(By.cssSelector("tr[data-order='HD-PHONE-9']")).isEmpty());
    }

    @Test
    void the_open_journey_changes_when_a_callback_arrives_without_a_reload() {
        JsonNode m = send(server, "HD-LIVE-1", "0901260777", "Phạm Thị D"); // 0777: the simulator loses callbacks
        openJourney("HD-LIVE-1");
        browser.await("the message shows as accepted", d -> "ACCEPTED".equals(card(0).getAttribute("data-status")));
        browser.awaitElement(".live.on");
        browser.js("window.__sameDocument = 42");

        // eSMS's callback, exactly as it would arrive, to the URL the service gave eSMS
        String path = "/callbacks/" + m.get("id").asLong() + "/" + new CallbackTokens(SECRET, null).token(m.get("id").asLong());
        String query = "SMSID=" + m.get("smsId").asText() + "&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000";
        assertThat(server.rawGet(path + "?" + query)).isEqualTo(200);

        browser.await("the card turns delivered", d -> "DELIVERED".equals(card(0).getAttribute("data-status")));
        assertThat(card(0).findElements(By.cssSelector("li[data-status=DELIVERED] .dot"))).hasSize(1);
        assertThat(card(0).findElement(By.cssSelector(".price")).getText()).isEqualTo("220 VND");
        assertThat(browser.find("#updated").getText()).startsWith("Updated live");

        assertThat(server.rawGet(path + "?" + query)).isEqualTo(200); // eSMS repeats itself
        browser.await("the repeat is counted", d -> card(0).findElement(By.cssSelector("li[data-status=DELIVERED]")).getText().contains("×2"));

        String sms = "SMSID=" + m.get("smsId").asText();
        assertThat(server.rawGet(path + "?" + sms + "&SendFailed=0&SendStatus=7&SendSuccess=0")).isEqualTo(200);
        browser.await("a late SENT is marked late", d -> !card(0).findElements(By.cssSelector("li[data-status=SENT] .tag.late")).isEmpty());
        assertThat(server.rawGet(path + "?" + sms + "&SendFailed=1&SendStatus=5&SendSuccess=0")).isEqualTo(200);
        browser.await("a contradicting FAILED is marked conflict", d -> !card(0).findElements(By.cssSelector("li[data-status=FAILED] .tag.conflict")).isEmpty());
        assertThat(card(0).getAttribute("data-status")).isEqualTo("DELIVERED");

        send(server, "HD-LIVE-1", "0901260114", "Phạm Thị D"); // a second step, failing at Zalo
        browser.await("the second step fails", d -> "FAILED".equals(card(1).getAttribute("data-status")));
        assertThat(browser.text("#messages section.msg:nth-of-type(2) .reason-words")).startsWith("Zalo -114:");
        assertThat(browser.js("return window.__sameDocument")).isEqualTo(42L);
    }

    @Test
    void a_failed_message_shows_the_reason_in_words_and_its_raw_callback_fields_one_click_away() {
        send(server, "HD-FAIL-2", "0901270114", "Hoàng Văn E");
        TestServer.await("the simulator's failure", () -> "FAILED".equals(status("HD-FAIL-2", 0)));
        openJourney("HD-FAIL-2");

        WebElement reason = browser.awaitElement("section.msg .reason");
        assertThat(reason.findElement(By.cssSelector(".reason-words")).getText())
                .isEqualTo("Zalo -114: the recipient is inactive on Zalo, blocked the OA, declined the message or uses an outdated Zalo app");
        assertThat(reason.getText()).contains("Zalo error -114: User is inactive");

        WebElement failed = browser.find("li[data-status=FAILED]");
        WebElement raw = failed.findElement(By.cssSelector("details.raw"));
        assertThat(raw.findElement(By.cssSelector("table")).isDisplayed()).isFalse();
        raw.findElement(By.tagName("summary")).click();
        String fields = raw.findElement(By.cssSelector("table")).getText();
        assertThat(fields).contains("SendStatus").contains("error_info").contains("SMSID");
        assertThat(raw.findElement(By.cssSelector("pre")).getText()).startsWith("SMSID=");
    }

    @Test
    void hostile_text_in_an_order_id_and_a_param_shows_as_text_and_never_runs() {
        String order = "<img src=x onerror=window.__xss=1>";
        String param = "<script>window.__xss=2</script>Ngô Thị Ánh";
        send(server, order, "0901280100", param);

        browser.open(server.url("/#/?q=" + java.net.URLEncoder.encode(order, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(browser.text("#journeys tbody tr td.order")).isEqualTo(order);
        browser.click("#journeys tbody tr");

        assertThat(browser.awaitElement("#order-id").getText()).isEqualTo(order);
        assertThat(browser.text("section.msg .param")).isEqualTo(param);
        assertThat(browser.all("main img")).isEmpty();
        assertThat(browser.all("main script")).isEmpty();
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void the_journeys_list_shows_a_new_order_by_itself() {
        browser.open(server.url("/"));
        browser.awaitElement("#journeys");
        browser.awaitElement(".live.on");
        browser.js("window.__sameDocument = 7");

        send(server, "HD-NEW-3", "0901290100", "Đỗ Văn G");

        browser.await("the new order appears", d -> !d.findElements(By.cssSelector("tr[data-order='HD-NEW-3']")).isEmpty());
        assertThat(browser.js("return window.__sameDocument")).isEqualTo(7L);
    }

    @Test
    void times_show_in_the_viewers_zone_with_the_utc_instant_in_the_tooltip() {
        send(server, "HD-TIME-4", "0901300100", "Vũ Thị H"); // the test clock stands at 08:00 UTC
        openJourney("HD-TIME-4");

        List<String> time = browser.await("an event time", d -> {
            WebElement t = d.findElement(By.cssSelector("section.msg li time"));
            return List.of(t.getText(), t.getAttribute("title"), t.getAttribute("datetime"));
        });
        assertThat(time).containsExactly("Nov 28, 2026, 03:00:00 PM", // Asia/Ho_Chi_Minh, UTC+7
                "2026-11-28 08:00:00.000 UTC", "2026-11-28T08:00:00.000Z");
    }

    @Test
    void the_simulator_banner_and_a_legend_of_every_status_are_shown() {
        browser.open(server.url("/"));
        assertThat(browser.awaitElement("#legend").isDisplayed()).isTrue();
        assertThat(browser.find("#sim-banner").isDisplayed()).isTrue();
        assertThat(browser.find("#sim-banner").getText()).contains("Simulated deliveries");
        List<String> legend = browser.all("#legend .badge").stream().map(e -> e.getAttribute("data-status")).toList();
        List<String> statuses = new java.util.ArrayList<>();
        server.get("/api/info").json().get("statuses").forEach(n -> statuses.add(n.asText()));
        assertThat(legend).isEqualTo(statuses).contains("QUEUED", "ACCEPTED", "PENDING_APPROVAL", "WAITING", "SENT",
                "DELIVERED", "FAILED", "REJECTED", "EXPIRED");
        // each status its own colour
        List<String> colours = browser.all("#legend .badge").stream().map(e -> e.getCssValue("background-color")).toList();
        assertThat(colours).doesNotHaveDuplicates();
    }
}
