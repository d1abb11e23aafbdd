package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Hundreds of clients that stop mid-request (slowloris) hold no worker thread: everyone else is answered. */
class SlowClientTest extends EsmsTestBase {
    private static final int STALLED = 400; // more than Jetty's worker threads
    private final List<Socket> held = new ArrayList<>();

    @AfterEach void release() throws IOException {
        for (Socket s : held) s.close();
    }

    @Test
    void clients_that_never_finish_their_body_do_not_starve_other_requests() throws IOException {
        for (int i = 0; i < STALLED; i++) {
            hold("POST /api/journeys/HD-S" + i + "/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"phone\":");
        }
        assertOthersAreServed();
    }

    @Test
    void clients_that_never_finish_their_headers_do_not_starve_other_requests() throws IOException {
        for (int i = 0; i < STALLED; i++) hold("GET /api/journeys HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        assertOthersAreServed();
    }

    private void assertOthersAreServed() throws IOException {
        assertThat(server.get("/health/live").status()).isEqualTo(200);
        esms.enqueue(accepted("SMS-S1"));
        assertThat(server.send("HD-S-OK", body("0901888484", null)).status()).isEqualTo(201);
        Socket first = held.get(0);
        first.setSoTimeout(200);
        assertThatThrownBy(() -> first.getInputStream().read()).as("the stalled client is still waiting, not dropped")
                .isInstanceOf(SocketTimeoutException.class);
    }

    private void hold(String partialRequest) throws IOException {
        Socket s = new Socket("localhost", server.port());
        s.getOutputStream().write(partialRequest.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        held.add(s);
    }
}
