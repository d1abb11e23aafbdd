package tracker.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tracker.TestServer;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer): records every POST, answers the queued status codes (then 200),
 * or, while {@link #hang} is held, never answers.
 */
public final class Receiver implements AutoCloseable {
    /** One request as received. */
    public record Got(String id, String timestamp, String signature, String body, int answered) {
        public JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        public String type() { return json().get("type").asText(); }
    }

    public final List<Got> got = java.util.Collections.synchronizedList(new ArrayList<>());
    public final Queue<Integer> codes = new ConcurrentLinkedQueue<>();
    public volatile CountDownLatch hang;
    private final HttpServer server;

    public Receiver() { this(0); }

    public Receiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CountDownLatch h = hang;
            Integer queued = h == null ? codes.poll() : null;
            int code = h != null ? 599 : queued == null ? 200 : queued;
            got.add(new Got(ex.getRequestHeaders().getFirst("webhook-id"), ex.getRequestHeaders().getFirst("webhook-timestamp"),
                    ex.getRequestHeaders().getFirst("webhook-signature"), body, code));
            if (h != null) {
                try {
                    h.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = ("answered " + code).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                ex.sendResponseHeaders(code, answer.length);
                out.write(answer);
            } catch (IOException gone) { /* the sender gave up on us */ }
        });
        server.start();
    }

    public String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"; }

    public int port() { return server.getAddress().getPort(); }

    public List<Got> snapshot() { synchronized (got) { return List.copyOf(got); } }

    public List<Got> answered2xx() { return snapshot().stream().filter(g -> g.answered() / 100 == 2).toList(); }

    public void awaitRequests(int n) { TestServer.await(n + " webhook requests (got " + got.size() + ")", () -> got.size() >= n); }

    /**
     * The reference verification, written from the Standard Webhooks spec: HMAC-SHA256 over "{id}.{timestamp}.{body}"
     * with the base64-decoded secret (after "whsec_"), compared with each space-separated "v1,<base64>" signature.
     */
    public static boolean verifies(String secret, Got g) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((g.id() + "." + g.timestamp() + "." + g.body()).getBytes(StandardCharsets.UTF_8));
            for (String sig : g.signature().split(" ")) {
                String[] parts = sig.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) return true;
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    public void release() {
        CountDownLatch h = hang;
        hang = null;
        if (h != null) h.countDown();
    }

    @Override public void close() {
        release();
        server.stop(0);
    }
}
