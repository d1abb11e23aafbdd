package tracker.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge's cap on open connections, with a small cap: at it, a newcomer waits until an idle connection is shed. */
class ConnectionCapTest {
    private static final int CAP = 10;
    private final List<Socket> held = new ArrayList<>();
    private Javalin app;

    @AfterEach void stop() throws IOException {
        for (Socket s : held) s.close();
        if (app != null) app.stop();
    }

    @Test
    void at_the_cap_a_new_connection_is_served_only_once_an_idle_one_has_been_shed() throws IOException {
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            Edge.install(c, new Auth(null, ctx -> false), null, CAP);
            c.routes.get("/ping", ctx -> ctx.result("pong"));
        }).start(0);
        for (int i = 0; i < CAP; i++) held.add(answeredAndKeptOpen()); // accepted for sure: each got its answer

        try (Socket newcomer = new Socket("127.0.0.1", app.port())) {
            newcomer.setSoTimeout(30_000);
            newcomer.getOutputStream().write(request("close"));
            assertThat(new String(newcomer.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        }

        assertThat(held.stream().filter(ConnectionCapTest::closedByServer).count())
                .as("idle connections the server closed to let the newcomer in").isPositive();
    }

    private Socket answeredAndKeptOpen() throws IOException {
        Socket s = new Socket("127.0.0.1", app.port());
        s.getOutputStream().write(request("keep-alive"));
        InputStream in = s.getInputStream();
        byte[] head = in.readNBytes(12);
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        s.setSoTimeout(100);
        try {
            while (in.read() >= 0) { /* drain the rest of the answer */ }
        } catch (SocketTimeoutException drained) { /* all of it read; the connection stays open */ }
        return s;
    }

    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static byte[] request(String connection) {
        return ("GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: " + connection + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
