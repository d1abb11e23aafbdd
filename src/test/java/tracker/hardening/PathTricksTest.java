package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Other spellings of a protected path reach no route and skip no check, with or without the API token. */
class PathTricksTest extends EsmsTestBase {
    static final String TOKEN = "api-token-for-path-tricks-0123";

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN); }

    @BeforeEach void oneJourney() {
        esms.enqueue(accepted("SMS-P1"));
        var r = server.call(new okhttp3.Request.Builder().url(server.url("/api/journeys/HD1/messages"))
                .header("Authorization", "Bearer " + TOKEN)
                .post(okhttp3.RequestBody.create(body("0901888484", null), okhttp3.MediaType.get("application/json"))));
        assertThat(r.status()).isEqualTo(201);
        assertThat(get("/api/journeys/HD1", true).status()).as("the canonical path works").isEqualTo(200);
    }

    @Test
    void double_slashes_are_refused_with_400() {
        assertRefused(400, "//api/journeys/HD1", "/api//journeys/HD1", "/api/journeys//HD1");
    }

    @Test
    void encoded_slashes_and_dots_are_refused_with_400() {
        assertRefused(400, "/api%2Fjourneys/HD1", "/api%2fjourneys%2fHD1", "/api/journeys/%2e%2e/journeys/HD1", "/%2e/api/journeys/HD1");
    }

    @Test
    void dot_dot_semicolon_is_refused_with_400() {
        assertRefused(400, "/api/journeys/..;/journeys/HD1", "/x/..;/api/journeys/HD1", "/callbacks/..;/api/journeys/HD1");
    }

    @Test
    void path_parameters_are_refused_with_400() {
        assertRefused(400, "/api;x=1/journeys/HD1", "/api/journeys;jsessionid=1/HD1", "/api/journeys/HD1;x=1");
    }

    @Test
    void trailing_dots_and_dot_segments_are_refused_with_400() {
        assertRefused(400, "/api./journeys/HD1", "/api/journeys/HD1.", "/api/./journeys/HD1", "/x/../api/journeys/HD1");
    }

    @Test
    void backslashes_and_encoded_nul_are_refused_with_400() {
        assertRefused(400, "/api\\journeys\\HD1", "/api%5Cjourneys%5CHD1", "/api/journeys/HD1%00");
    }

    @Test
    void case_changed_or_encoded_prefixes_reach_no_route() {
        assertRefused(404, "/API/journeys/HD1", "/Api/journeys/HD1", "/%61pi/journeys/HD1");
    }

    @Test
    void every_api_path_needs_the_token_even_one_with_no_route() {
        assertThat(get("/api/nothing-here", false).status()).isEqualTo(401);
        assertThat(get("/api/journeys/HD1/", false).status()).isEqualTo(401);
    }

    @Test
    void tricks_on_the_callback_path_reach_no_callback() {
        String path = "/callbacks/1/" + "A".repeat(43);
        assertRefused(400, path + ";x=1", "/callbacks//1/" + "A".repeat(43), "/callbacks/1/x/../" + "A".repeat(43));
        assertThat(message().get("events")).hasSize(2);
    }

    private com.fasterxml.jackson.databind.JsonNode message() {
        return server.call(new okhttp3.Request.Builder().url(server.url("/api/messages/1")).header("Authorization", "Bearer " + TOKEN)).json();
    }

    private RawHttp.Answer get(String target, boolean withToken) {
        return withToken ? RawHttp.get(server.port(), target, "Authorization: Bearer " + TOKEN) : RawHttp.get(server.port(), target);
    }

    /** With and without the token: the expected refusal, as JSON, never the journey. */
    private void assertRefused(int status, String... targets) {
        for (String target : targets) {
            for (boolean token : List.of(false, true)) {
                RawHttp.Answer a = get(target, token);
                assertThat(a.status()).as(target + (token ? " with token" : " without token")).isEqualTo(status);
                assertThat(a.json()).as(target + " answers JSON").isNotNull();
                assertThat(a.json().has("error")).isTrue();
                assertThat(a.body()).as(target).doesNotContain("0901888484").doesNotContain("SMS-P1");
            }
        }
    }
}
