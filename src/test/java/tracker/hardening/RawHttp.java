package tracker.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import tracker.TestServer;

/** HTTP/1.1 written byte for byte, so no client library normalises the hostile part away. */
final class RawHttp {
    private RawHttp() {}

    /** The answer: status, body text, the body as JSON (null when it is not JSON) and the status line and headers. */
    record Answer(int status, String body, JsonNode json, String head) {}

    static Answer get(int port, String target, String... headers) {
        return exchange(port, ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + lines(headers)
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static Answer post(int port, String target, String contentType, byte[] body, String... headers) {
        byte[] head = ("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n" + lines(headers) + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return exchange(port, all);
    }

    static Answer exchange(int port, byte[] request) {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedMidway) { /* the server may answer and close before reading it all */ }
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String body = split < 0 ? "" : text.substring(split + 4);
            String head = split < 0 ? text : text.substring(0, split);
            JsonNode json = null;
            try {
                json = body.isEmpty() ? null : TestServer.JSON.readTree(body);
            } catch (IOException notJson) { /* leave null */ }
            return new Answer(status, body, json, head);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lines(String... headers) {
        StringBuilder sb = new StringBuilder();
        for (String h : headers) sb.append(h).append("\r\n");
        return sb.toString();
    }
}
