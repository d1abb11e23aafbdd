package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

class PageTest extends EsmsTestBase {
    private Response head(String path) throws IOException {
        return server.http.newCall(new Request.Builder().url(server.url(path)).get().build()).execute();
    }

    @Test
    void the_page_is_utf8_html_with_a_policy_that_allows_only_its_own_scripts() throws IOException {
        try (Response res = head("/")) {
            assertThat(res.code()).isEqualTo(200);
            assertThat(res.header("Content-Type")).isEqualToIgnoringWhitespace("text/html;charset=utf-8");
            assertThat(res.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(res.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(res.body().string()).contains("<meta charset=\"utf-8\">").contains("/dashboard/app.js");
        }
    }

    @Test
    void scripts_and_styles_are_served_locally_with_their_types() throws IOException {
        try (Response js = head("/dashboard/app.js"); Response css = head("/dashboard/app.css")) {
            assertThat(js.header("Content-Type")).startsWith("text/javascript");
            assertThat(js.body().string()).doesNotContain("innerHTML").doesNotContain("http://").doesNotContain("https://");
            assertThat(css.header("Content-Type")).startsWith("text/css");
        }
    }

    @Test
    void only_the_dashboards_own_files_are_served() {
        assertThat(server.get("/dashboard/nope.js").status()).isEqualTo(404);
        assertThat(server.rawGet("/dashboard/..%2F..%2Fpom.xml")).isIn(400, 404);
        assertThat(server.get("/dashboard/Dashboard.class").status()).isEqualTo(404);
    }

    @Test
    void the_live_stream_wants_an_event_stream_accept_header() {
        var reply = server.get("/api/live");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("Accept");
    }
}
