package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** Live streams are capped per dashboard session as well as in total: one browser cannot take every place. */
class LiveStreamCapTest extends EsmsTestBase {
    static final String TOKEN = "live-cap-test-token-0123456789";
    private final List<Response> held = new ArrayList<>();

    @Override protected Map<String, String> extraEnv() { return Map.of("API_TOKEN", TOKEN); }

    @AfterEach void closeStreams() {
        held.forEach(Response::close);
    }

    private String session() {
        Request req = new Request.Builder().url(server.url("/dashboard/login"))
                .post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", MediaType.get("application/json"))).build();
        try (Response res = server.http.newCall(req).execute()) {
            assertThat(res.code()).isEqualTo(204);
            String setCookie = res.header("Set-Cookie");
            return setCookie.substring(0, setCookie.indexOf(';'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a stream and keeps it open: its status and headers are in once this returns, its body never ends. */
    private Response open(String cookie) {
        Request req = new Request.Builder().url(server.url("/api/live")).header("Accept", "text/event-stream")
                .header("Cookie", cookie).get().build();
        try {
            Response res = server.http.newCall(req).execute();
            held.add(res);
            return res;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void one_session_gets_at_most_four_live_streams_and_another_session_still_gets_its_own() throws IOException {
        String first = session(), second = session();
        for (int i = 0; i < LiveBus.MAX_PER_CLIENT; i++) assertThat(open(first).code()).as("stream %d", i + 1).isEqualTo(200);

        Response fifth = open(first);

        assertThat(fifth.code()).isEqualTo(429);
        assertThat(TestServer.JSON.readTree(fifth.body().string()).get("error").asText()).contains("4 live pages");
        assertThat(open(second).code()).isEqualTo(200);
    }
}
