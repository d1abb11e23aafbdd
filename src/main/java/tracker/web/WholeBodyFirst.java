package tracker.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Collects a request's whole body without holding a worker thread, then hands the request on. A client that
 * sends its body slowly or never (slowloris) costs a connection, not a thread, so it cannot starve the others.
 * Bodies over {@code maxBytes} are refused with 413 before a handler runs.
 */
public final class WholeBodyFirst extends Handler.Wrapper {
    private final int maxBytes;

    public WholeBodyFirst(int maxBytes) { this.maxBytes = maxBytes; }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean chunked = length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || (length < 0 && !chunked)) return super.handle(request, response, callback);
        if (length > maxBytes) {
            Response.writeError(request, response, callback, 413);
            return true;
        }
        new Collector(request, response, callback).run();
        return true;
    }

    /** Reads what has arrived, asks to be called again when more comes, dispatches once the last byte is in. */
    private final class Collector implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Collector(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Response.writeError(request, response, callback, chunk.getFailure() instanceof TimeoutException ? 408 : 400);
                    return;
                }
                ByteBuffer b = chunk.getByteBuffer();
                boolean last = chunk.isLast();
                if (body.size() + b.remaining() > maxBytes) {
                    chunk.release();
                    Response.writeError(request, response, callback, 413);
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                body.write(bytes, 0, bytes.length);
                chunk.release();
                if (last) {
                    dispatch(body.toByteArray());
                    return;
                }
            }
        }

        private void dispatch(byte[] bytes) {
            Request whole = new Request.Wrapper(request) {
                private boolean consumed;

                @Override public Content.Chunk read() {
                    if (consumed) return Content.Chunk.EOF;
                    consumed = true;
                    return Content.Chunk.from(ByteBuffer.wrap(bytes), true);
                }

                @Override public void demand(Runnable demandCallback) { demandCallback.run(); } // all content is here

                @Override public boolean consumeAvailable() {
                    consumed = true;
                    return true;
                }
            };
            try {
                if (!WholeBodyFirst.super.handle(whole, response, callback)) Response.writeError(request, response, callback, 404);
            } catch (Throwable t) {
                callback.failed(t);
            }
        }
    }
}
