package tracker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * eSMS's answers in the order a test queued them ({@code esms.enqueue}). A request nobody queued an answer for
 * is answered 500 at once (never left waiting for a read timeout) and remembered, so the test can fail naming
 * it; while eSMS is {@link #down()} such a request has its connection dropped instead, as a test asked for.
 */
public final class AnswerQueue extends QueueDispatcher {
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse queued = getResponseQueue().poll();
        if (queued != null) return queued;
        if (down) return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        String what = request.getMethod() + " " + request.getUrl().encodedPath();
        unexpected.add(what);
        return new MockResponse.Builder().code(500).body("the test queued no answer for " + what).build();
    }

    /** From now on a request without a queued answer finds eSMS unreachable, on purpose. */
    public void down() { down = true; }

    /** Requests that found no queued answer while eSMS was not down, as "METHOD /path". */
    public List<String> unexpected() { return List.copyOf(unexpected); }
}
