package tracker.simulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one callback by HTTP GET like eSMS: a timeout is retried (5 tries in all), anything else
 * (an answer of any status, a refused connection) ends the delivery.
 */
final class CallbackSender implements AutoCloseable {
    static final int MAX_TRIES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

    private final OkHttpClient client;
    /** Tries per SMSID, for tests; as bounded as the messages the store keeps. */
    private final Newest<String, AtomicInteger> attempts = new Newest<>(MessageStore.MAX_MESSAGES);

    CallbackSender(Duration timeout) {
        this.client = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(3))
                .retryOnConnectionFailure(false) // each try must be one request on the wire, counted once
                .followRedirects(false)
                .build();
    }

    /** {@code callbackUrl + "?" + query}, verbatim: HttpUrl keeps raw braces and existing %XX escapes in a query. */
    static HttpUrl target(String callbackUrl, String query) {
        return HttpUrl.parse(callbackUrl + "?" + query);
    }

    void deliver(String smsId, String callbackUrl, String query) {
        HttpUrl url = target(callbackUrl, query);
        if (url == null) {
            LOG.warn("callback for {} dropped: CallbackUrl is not an http(s) URL", smsId);
            return;
        }
        Request request = new Request.Builder().url(url).get().build();
        for (int tryNo = 1; tryNo <= MAX_TRIES; tryNo++) {
            attempts.compute(smsId, (k, n) -> n == null ? new AtomicInteger() : n).incrementAndGet();
            try (Response response = client.newCall(request).execute()) {
                LOG.debug("callback {} try {} answered {}", smsId, tryNo, response.code());
                return;
            } catch (InterruptedIOException timeout) {
                if (Thread.currentThread().isInterrupted()) return; // shutting down
                LOG.info("callback {} try {} timed out", smsId, tryNo);
            } catch (IOException e) {
                LOG.info("callback {} try {} failed for good: {}", smsId, tryNo, e.toString());
                return;
            }
        }
        LOG.info("callback {} given up after {} tries", smsId, MAX_TRIES);
    }

    int attempts(String smsId) {
        AtomicInteger n = attempts.get(smsId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
    }
}
