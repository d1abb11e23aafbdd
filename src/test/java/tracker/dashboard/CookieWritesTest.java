package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** A change made with the session cookie must prove it comes from the dashboard's own page; the bearer token need not. */
class CookieWritesTest extends EsmsTestBase {
    static final String TOKEN = "cookie-writes-token-0123456789";
    static final String PUBLIC_URL = "https://tracker.example.com";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN, "PUBLIC_URL", PUBLIC_URL); }

    /** Signs in and returns "tracker_session=...". */
    private String cookie() {
        try (var res = server.http.newCall(new Request.Builder().url(server.url("/dashboard/login"))
                .post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", MediaType.get("application/json"))).build()).execute()) {
            assertThat(res.code()).isEqualTo(204);
            String set = res.header("Set-Cookie");
            return set.substring(0, set.indexOf(';'));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A send with the cookie, plus the given header pairs. */
    private TestServer.Reply sendWithCookie(String orderId, String contentType, String... headers) {
        Request.Builder req = new Request.Builder().url(server.url("/api/journeys/" + orderId + "/messages"))
                .header("Cookie", cookie())
                .post(RequestBody.create(body("0901888484", null), MediaType.get(contentType)));
        for (int i = 0; i < headers.length; i += 2) req.header(headers[i], headers[i + 1]);
        return server.call(req);
    }

    @Test
    void a_cookie_post_without_same_origin_proof_is_refused_and_reaches_no_esms() {
        TestServer.Reply bare = sendWithCookie("HD-C1", "application/json");
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.json().get("field").asText()).isEqualTo("Origin");
        assertThat(bare.json().has("error")).isTrue();
        assertThat(sendWithCookie("HD-C1", "application/json", "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(sendWithCookie("HD-C1", "application/json", "Origin", "https://evil.example").status()).isEqualTo(403);
        assertThat(sendWithCookie("HD-C1", "application/json", "Origin", "null").status()).isEqualTo(403);
        assertThat(esms.getRequestCount()).isZero();
    }

    @Test
    void a_cookie_post_with_same_origin_proof_is_accepted() {
        esms.enqueue(accepted("SMS-C2"));
        esms.enqueue(accepted("SMS-C3"));
        esms.enqueue(accepted("SMS-C4"));
        assertThat(sendWithCookie("HD-C2", "application/json", "Sec-Fetch-Site", "same-origin").status()).isEqualTo(201);
        assertThat(sendWithCookie("HD-C3", "application/json", "Origin", server.url("")).status()).isEqualTo(201);
        assertThat(sendWithCookie("HD-C4", "application/json", "Origin", PUBLIC_URL).status()).isEqualTo(201);
    }

    @Test
    void a_cookie_write_with_a_body_that_is_not_json_is_refused_even_from_our_own_origin() {
        TestServer.Reply r = sendWithCookie("HD-C5", "text/plain", "Sec-Fetch-Site", "same-origin");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("field").asText()).isEqualTo("Content-Type");
        assertThat(esms.getRequestCount()).isZero();
    }

    @Test
    void a_cookie_delete_without_proof_is_refused() {
        esms.enqueue(accepted("SMS-C6"));
        long id = bearerSend("HD-C6").json().get("id").asLong();
        TestServer.Reply r = server.call(new Request.Builder().url(server.url("/api/messages/" + id)).header("Cookie", cookie()).delete());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("field").asText()).isEqualTo("Origin");
    }

    @Test
    void cookie_reads_need_no_proof_and_bearer_writes_are_unaffected() {
        assertThat(server.call(new Request.Builder().url(server.url("/api/journeys")).header("Cookie", cookie())).status())
                .isEqualTo(200);
        esms.enqueue(accepted("SMS-C7"));
        assertThat(bearerSend("HD-C7").status()).isEqualTo(201);
    }

    private TestServer.Reply bearerSend(String orderId) {
        return server.call(new Request.Builder().url(server.url("/api/journeys/" + orderId + "/messages"))
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(body("0901888484", null), MediaType.get("application/json"))));
    }

    @Test
    void the_send_endpoint_answers_415_to_a_body_that_is_not_declared_json() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/jsonx"}) {
            TestServer.Reply r = server.call(new Request.Builder().url(server.url("/api/journeys/HD-C8/messages"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .post(RequestBody.create(body("0901888484", null), MediaType.get(type))));
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.json().get("field").asText()).isEqualTo("Content-Type");
        }
        assertThat(esms.getRequestCount()).isZero();
    }
}
