package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/** A receiver that answers HTTP/1.0 and closes each connection (Python's http.server does): no attempt fails for it. */
class ClosingReceiverTest extends WebhookTestBase {
    @Test
    void a_receiver_that_closes_every_connection_gets_every_event_at_the_first_attempt() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        readRequest(s.getInputStream());
                        s.getOutputStream().write("HTTP/1.0 204 No Content\r\nServer: BaseHTTP/0.6 Python/3.11\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        answered.incrementAndGet();
                    } catch (IOException closed) { /* the test ends */ }
                }
            });
            t.setDaemon(true);
            t.start();
            long id = register("http://127.0.0.1:" + listener.getLocalPort() + "/hook", "message.status_changed").get("id").asLong();
            for (int i = 0; i < 4; i++) {
                Sent s = sendAccepted("HD-WH-C" + i, "SMS-C" + i);
                callback(s, "SMSID=SMS-C" + i + "&" + DELIVERED);
            }
            awaitSettled(id);
            assertThat(answered.get()).isEqualTo(8);
            assertThat(attempts(id))
                    .allMatch(a -> a.get("statusCode").asInt() == 204);
        }
    }

    /** Reads the head and the Content-Length body of one request. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new IOException("closed");
            head.append((char) c);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (m.find()) in.readNBytes(Integer.parseInt(m.group(1)));
    }
}
