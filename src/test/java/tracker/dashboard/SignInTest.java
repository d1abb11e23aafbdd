package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

class SignInTest extends EsmsTestBase {
    static final String TOKEN = "dashboard-test-token-0123456789";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN); }

    /** POSTs the token and returns the Set-Cookie header (null when none). */
    private String login(String token) {
        Request req = new Request.Builder().url(server.url("/dashboard/login"))
                .post(RequestBody.create("{\"token\":\"" + token + "\"}", okhttp3.MediaType.get("application/json"))).build();
        try (Response res = server.http.newCall(req).execute()) {
            return res.code() == 204 ? res.header("Set-Cookie") : null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String setCookie) { return setCookie.substring(0, setCookie.indexOf(';')); }

    private int getWithCookie(String path, String cookie) {
        return server.call(new Request.Builder().url(server.url(path)).header("Cookie", cookie).get()).status();
    }

    @Test
    void the_right_token_is_exchanged_for_an_httponly_samesite_strict_session_cookie() {
        String setCookie = login(TOKEN);

        assertThat(setCookie).startsWith("tracker_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain(TOKEN);
        String id = value(setCookie).substring("tracker_session=".length());
        assertThat(id).hasSize(43); // 32 random bytes, base64url
        assertThat(getWithCookie("/api/journeys", value(setCookie))).isEqualTo(200);
        assertThat(server.call(new Request.Builder().url(server.url("/api/info")).header("Cookie", value(setCookie)).get())
                .json().get("auth").asText()).isEqualTo("session");
    }

    @Test
    void without_a_token_or_a_session_the_api_and_the_live_stream_answer_401() {
        assertThat(server.get("/api/journeys").status()).isEqualTo(401);
        assertThat(server.get("/api/overview").status()).isEqualTo(401);
        assertThat(server.get("/api/info").status()).isEqualTo(401);
        assertThat(server.call(new Request.Builder().url(server.url("/api/live")).header("Accept", "text/event-stream").get())
                .status()).isEqualTo(401);
        assertThat(getWithCookie("/api/journeys", "tracker_session=" + "A".repeat(43))).isEqualTo(401);
    }

    @Test
    void the_page_itself_is_served_without_a_token_but_holds_no_data() {
        TestServer.Reply page = server.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<meta charset=\"utf-8\">").doesNotContain(TOKEN);
    }

    @Test
    void a_wrong_token_gets_401_and_no_cookie() {
        TestServer.Reply reply = server.post("/dashboard/login", "{\"token\":\"not-the-token-at-all\"}");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("field").asText()).isEqualTo("token");
        assertThat(login("not-the-token-at-all")).isNull();
    }

    @Test
    void a_token_in_the_url_is_not_accepted_only_in_the_body() {
        TestServer.Reply reply = server.post("/dashboard/login?token=" + TOKEN, "{}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("token");
    }

    @Test
    void logout_ends_the_session_and_clears_the_cookie() {
        String cookie = value(login(TOKEN));
        Request out = new Request.Builder().url(server.url("/dashboard/logout")).header("Cookie", cookie)
                .post(RequestBody.create(new byte[0])).build();
        try (Response res = server.http.newCall(out).execute()) {
            assertThat(res.code()).isEqualTo(204);
            assertThat(res.header("Set-Cookie")).startsWith("tracker_session=;").contains("Expires=Thu, 01 Jan 1970");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(getWithCookie("/api/journeys", cookie)).isEqualTo(401);
    }

    @Test
    void a_session_expires_after_12_hours() {
        String cookie = value(login(TOKEN));
        server.clock.advance(Duration.ofHours(11));
        assertThat(getWithCookie("/api/journeys", cookie)).isEqualTo(200);
        server.clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(getWithCookie("/api/journeys", cookie)).isEqualTo(401);
    }

    @Test
    void the_bearer_header_still_works_alongside_sessions() {
        var reply = server.call(new Request.Builder().url(server.url("/api/journeys"))
                .header("Authorization", "Bearer " + TOKEN).get());
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void session_ids_are_random_and_distinct() {
        assertThat(value(login(TOKEN))).isNotEqualTo(value(login(TOKEN)));
    }
}
