package bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** eSMS played fast: accepts every send with a unique SMSID, never calls back, remembers each CallbackUrl. */
final class Stub implements AutoCloseable {
    /** What one send asked for: enough to build its callbacks later. */
    record Sent(String smsId, String callbackUrl, String phone, String orderId) {}

    private static final Pattern URL = Pattern.compile("\"CallbackUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PHONE = Pattern.compile("\"Phone\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ORDER = Pattern.compile("\"OrderId\"\\s*:\\s*\"([^\"]+)\"");

    final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "stub");
        t.setDaemon(true);
        return t;
    });

    Stub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String smsId = "bench" + ids.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
            sent.add(new Sent(smsId, find(URL, body), find(PHONE, body), find(ORDER, body)));
            byte[] answer = ("{\"CodeResult\":\"100\",\"CountRegenerate\":0,\"SMSID\":\"" + smsId + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
    }

    int port() { return server.getAddress().getPort(); }

    List<Sent> drain() {
        List<Sent> out = new java.util.ArrayList<>(sent);
        sent.clear();
        return out;
    }

    private static String find(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
