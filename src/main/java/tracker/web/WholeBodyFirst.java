package tracker.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Collects a request's whole body without holding a worker thread, then hands the request on. A client that
 * sends its body slowly or never (slowloris) costs a connection, not a thread, so it cannot starve the others.
 * Bodies over {@code maxBytes} are refused with 413 before a handler runs. Memory is bounded too: the bodies
 * being collected share {@code maxBuffered} bytes (beyond, 503), and a body must keep arriving at
 * {@code minRate} bytes/s on average once {@code grace} has passed (else 408), so a stalled client is cut off.
 */
public final class WholeBodyFirst extends Handler.Wrapper {
    private static final int FIRST_BUFFER = 8 * 1024;
    private static final int MORE = 0, COMPLETE = -1, FINISHED = -2;

    private final int maxBytes;
    private final long maxBuffered;
    private final long minRate;
    private final long graceNanos;
    /** Bytes of body buffers held right now, by every request being collected or handled. */
    private final AtomicLong buffered = new AtomicLong();

    public WholeBodyFirst(int maxBytes, long maxBuffered, long minRate, Duration grace) {
        this.maxBytes = maxBytes;
        this.maxBuffered = maxBuffered;
        this.minRate = minRate;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean chunked = length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || (length < 0 && !chunked)) return super.handle(request, response, callback);
        if (length > maxBytes) {
            Response.writeError(request, response, callback, 413);
            return true;
        }
        new Collector(request, response, callback, length < 0 ? maxBytes : (int) length).run();
        return true;
    }

    private boolean take(long bytes) {
        long now;
        do {
            now = buffered.get();
            if (now + bytes > maxBuffered) return false;
        } while (!buffered.compareAndSet(now, now + bytes));
        return true;
    }

    /**
     * Reads what has arrived, asks to be called again when more comes, dispatches once the last byte is in. Its
     * state is guarded by its monitor, held around reads only: never around a demand (which may call back at once),
     * a write or the handler, so the deadline, which runs on Jetty's shared scheduler, never waits long for it.
     */
    private final class Collector implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final int capacity;
        private final long started = System.nanoTime();
        private byte[] body = new byte[0];
        private int size;
        private boolean done;
        private Scheduler.Task deadline;

        Collector(Request request, Response response, Callback callback, int capacity) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.capacity = capacity;
        }

        @Override public void run() {
            int next;
            synchronized (this) {
                next = readAvailable();
            }
            if (next == MORE) request.demand(this);
            else if (next == COMPLETE) dispatch();
            else if (next != FINISHED) Response.writeError(request, response, callback, next);
        }

        /** {@link #MORE} bytes must come, the body is {@link #COMPLETE}, or the HTTP status to refuse it with. */
        private int readAvailable() {
            while (!done) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) return refuse(408);
                    if (deadline == null) watch();
                    return MORE;
                }
                if (Content.Chunk.isFailure(chunk)) return refuse(chunk.getFailure() instanceof TimeoutException ? 408 : 400);
                ByteBuffer b = chunk.getByteBuffer();
                int n = b.remaining();
                int status = size + n > maxBytes ? 413 : room(size + n) ? 0 : 503;
                if (status == 0) {
                    b.get(body, size, n);
                    size += n;
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (status != 0) return refuse(status);
                if (last) {
                    done = true;
                    if (deadline != null) deadline.cancel();
                    return COMPLETE;
                }
            }
            return FINISHED; // the deadline refused it meanwhile: nothing more to do
        }

        /** Grows the buffer to hold {@code needed} bytes, if the shared budget has room for the growth. */
        private boolean room(int needed) {
            if (needed <= body.length) return true;
            int grown = Math.min(capacity, Math.max(needed, Math.max(FIRST_BUFFER, body.length * 2)));
            if (!take(grown - body.length)) return false;
            byte[] bigger = new byte[grown];
            System.arraycopy(body, 0, bigger, 0, size);
            body = bigger;
            return true;
        }

        /** Below {@code minRate} bytes/s on average since the headers, once the grace period is over. */
        private boolean tooSlow() {
            long late = System.nanoTime() - started - graceNanos;
            return late > 0 && size < minRate * late / 1_000_000_000L;
        }

        /** Checks again when, with no more bytes, the average would fall below the minimum. */
        private void watch() {
            long due = started + graceNanos + size * 1_000_000_000L / minRate + 1_000_000L;
            deadline = request.getComponents().getScheduler().schedule(this::onDeadline,
                    Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        private void onDeadline() {
            boolean cut;
            synchronized (this) {
                deadline = null;
                if (done) return;
                cut = tooSlow();
                if (cut) refuse(408);
                else watch(); // bytes came meanwhile: the next check is later
            }
            if (cut) Response.writeError(request, response, callback, 408);
        }

        private int refuse(int status) {
            done = true;
            if (deadline != null) deadline.cancel();
            buffered.addAndGet(-body.length);
            body = null;
            return status;
        }

        private void dispatch() {
            byte[] bytes = body;
            int length = size;
            Request whole = new Request.Wrapper(request) {
                private boolean consumed;

                @Override public Content.Chunk read() {
                    if (consumed) return Content.Chunk.EOF;
                    consumed = true;
                    return Content.Chunk.from(ByteBuffer.wrap(bytes, 0, length), true);
                }

                @Override public void demand(Runnable demandCallback) { demandCallback.run(); } // all content is here

                @Override public boolean consumeAvailable() {
                    consumed = true;
                    return true;
                }
            };
            // the buffer counts against the budget until the answer is written
            Callback release = new Callback.Nested(callback) {
                @Override public void completed() { buffered.addAndGet(-bytes.length); }
            };
            try {
                if (!WholeBodyFirst.super.handle(whole, response, release)) Response.writeError(request, response, release, 404);
            } catch (Throwable t) {
                release.failed(t);
            }
        }
    }
}
