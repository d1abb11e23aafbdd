package bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a plain socket: about as lean as wrk per request, and exact to account.
 * Calls to /api/ carry the bearer token from API_TOKEN when it is set; callbacks and probes need none.
 */
final class Conn implements AutoCloseable {
    private static final String TOKEN = System.getenv("API_TOKEN");
    /** Status and body of one answer. */
    record Answer(int status, byte[] body) {
        String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    Conn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Answer get(String path) throws IOException {
        return send(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + auth(path) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    Answer post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n" + auth(path) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] req = new byte[head.length + body.length];
        System.arraycopy(head, 0, req, 0, head.length);
        System.arraycopy(body, 0, req, head.length, body.length);
        return send(req);
    }

    private static String auth(String path) {
        return TOKEN == null || TOKEN.isEmpty() || !path.startsWith("/api/") ? "" : "Authorization: Bearer " + TOKEN + "\r\n";
    }

    private Answer send(byte[] request) throws IOException {
        if (socket == null) open();
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    private Answer read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) throw new IOException("bad status line: " + status);
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false, closeAfter = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Integer.parseInt(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) chunked = true;
            else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) closeAfter = true;
        }
        byte[] body;
        if (chunked) {
            var buf = new java.io.ByteArrayOutputStream();
            for (int n = Integer.parseInt(line().split(";")[0].trim(), 16); n > 0; n = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                buf.write(in.readNBytes(n));
                line();
            }
            line();
            body = buf.toByteArray();
        } else {
            body = in.readNBytes(Math.max(length, 0));
        }
        if (closeAfter) close();
        return new Answer(code, body);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed by the server");
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) { /* closing anyway */ }
        socket = null;
    }
}
