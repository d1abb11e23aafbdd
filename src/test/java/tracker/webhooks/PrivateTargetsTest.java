package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** With the simulator off and no WEBHOOK_ALLOW_PRIVATE: https only, and no loopback or private address, by name or by connection. */
class PrivateTargetsTest extends EsmsTestBase {
    private int register(String url) {
        return server.post("/api/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"message.status_changed\"]}").status();
    }

    @Test
    void loopback_private_and_plain_http_targets_are_refused_at_registration() {
        for (String url : List.of("http://example.com/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook",
                "https://192.168.0.10/hook", "https://169.254.169.254/latest", "https://[::1]/hook", "https://[fd00::1]/hook",
                "https://localhost/hook", "https://api.localhost/hook", "https://0.0.0.0/hook", "https://100.64.0.1/hook")) {
            TestServer.Reply r = server.post("/api/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"message.status_changed\"]}");
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("url");
        }
        assertThat(register("https://hooks.example.com/esms")).isEqualTo(201);
    }

    @Test
    void a_name_that_resolves_to_loopback_is_refused_when_resolved_and_a_literal_when_connecting() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Targets targets = new Targets(false);
            // DNS says a public-looking name is this machine: refused before any connection
            OkHttpClient rebound = targets.client(host -> List.of(InetAddress.getByName("127.0.0.1")));
            assertThat(failure(rebound, "http://hooks.example.com:" + receiver.port() + "/hook")).startsWith("refused: 127.0.0.1");
            // an address literal needs no DNS: the socket refuses it as it connects
            OkHttpClient plain = targets.client(okhttp3.Dns.SYSTEM);
            assertThat(failure(plain, "http://127.0.0.1:" + receiver.port() + "/hook")).startsWith("refused: 127.0.0.1");
            assertThat(failure(plain, "http://[::1]:" + receiver.port() + "/hook")).startsWith("refused: 0:0:0:0:0:0:0:1");
            assertThat(receiver.snapshot()).isEmpty();
            // allowed, the same request arrives
            OkHttpClient allowed = new Targets(true).client(okhttp3.Dns.SYSTEM);
            try (Response r = allowed.newCall(new Request.Builder().url(receiver.url()).build()).execute()) {
                assertThat(r.code()).isEqualTo(200);
            }
        }
    }

    private static String failure(OkHttpClient client, String url) {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            throw new AssertionError(url + " answered " + r.code());
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
