package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Every API answer, errors included, forbids content sniffing and caching (answers hold phone numbers). */
class ApiHeadersTest extends EsmsTestBase {

    private void assertHeaders(Request.Builder req, int status) throws IOException {
        try (Response res = server.http.newCall(req.build()).execute()) {
            String what = req.build().method() + " " + req.build().url().encodedPath() + " (" + res.code() + ")";
            assertThat(res.code()).as(what).isEqualTo(status);
            assertThat(res.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(res.header("Cache-Control")).as(what).isEqualTo("no-store");
        }
    }

    private Request.Builder get(String path) { return new Request.Builder().url(server.url(path)); }

    @Test
    void api_health_and_metrics_answers_carry_nosniff_and_no_store() throws IOException {
        assertHeaders(get("/api/journeys"), 200);
        assertHeaders(get("/health"), 200);
        assertHeaders(get("/health/live"), 200);
        assertHeaders(get("/metrics"), 200);
    }

    @Test
    void error_answers_carry_them_too() throws IOException {
        assertHeaders(get("/api/journeys/HD-NOPE"), 404);
        assertHeaders(get("/api/journeys?limit=0"), 400);
        assertHeaders(get("/api/journeys").header("Authorization", "Bearer wrong"), 401);
        assertHeaders(get("/api/nothing-here"), 404);
        assertHeaders(new Request.Builder().url(server.url("/api/journeys/HD1/messages"))
                .post(okhttp3.RequestBody.create("x", okhttp3.MediaType.get("text/plain"))), 415);
    }

    @Test
    void refusals_made_by_jetty_and_the_path_guard_carry_them_too() {
        for (RawHttp.Answer a : new RawHttp.Answer[] {
                RawHttp.get(server.port(), "/api/journeys/" + "A".repeat(20_000)), // 414, from Jetty's parser
                RawHttp.get(server.port(), "/api//journeys", server.authHeader()), // 400, from the path guard
                RawHttp.get(server.port(), "/api/journeys/%C3%28", server.authHeader())}) { // 400, invalid UTF-8
            assertThat(a.head()).as(a.head()).containsIgnoringCase("X-Content-Type-Options: nosniff")
                    .containsIgnoringCase("Cache-Control: no-store");
            assertThat(a.status()).isBetween(400, 499);
        }
    }
}
