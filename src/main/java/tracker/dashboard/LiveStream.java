package tracker.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import tracker.ledger.Detail;
import tracker.ledger.Refused;
import tracker.web.HttpError;

/** GET /api/live: server-sent events "journey" {orderId} after each commit; the page then refetches the API. */
final class LiveStream {
    static final String PATH = "/api/live";

    private LiveStream() {}

    /** {@code clientOf}: who is asking, for the per-client cap (a dashboard session, else the caller's address). */
    static void register(JavalinConfig config, LiveBus bus, ObjectMapper json, Function<Context, String> clientOf) {
        config.routes.get(PATH, ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw Refused.invalid("this is an event stream: ask with Accept: text/event-stream", "Accept");
            }
            String who = clientOf.apply(ctx);
            LiveBus.Place place = bus.take(who);
            if (place == null && bus.full(who) == LiveBus.Full.CLIENT) {
                throw new HttpError(429, "this browser already has " + LiveBus.MAX_PER_CLIENT
                        + " live pages open; close one (or reload it) and try again", null);
            }
            if (place == null) throw Refused.unavailable("too many live pages are open; close some or try again later");
            try {
                new SseHandler(client -> attach(client, place, json)).handle(ctx);
            } catch (Exception | Error e) {
                place.release(); // the stream never opened
                throw e;
            }
        });
    }

    private static void attach(SseClient client, LiveBus.Place place, ObjectMapper json) {
        client.keepAlive();
        Runnable unsubscribe = place.subscribe(new LiveBus.Sink() {
            @Override public void journey(String orderId) throws IOException {
                send(client, "journey", Detail.write(json, Map.of("orderId", orderId)));
            }

            @Override public void reset() throws IOException { send(client, "reset", "{}"); }

            @Override public void ping() throws IOException {
                client.sendComment("ping");
                if (client.terminated()) throw new IOException("browser went away");
            }

            @Override public void close() { client.close(); }
        });
        client.onClose(unsubscribe);
        client.sendComment("connected"); // flushes the headers so the browser's EventSource opens now
    }

    private static void send(SseClient client, String event, String data) throws IOException {
        client.sendEvent(event, data);
        if (client.terminated()) throw new IOException("browser went away");
    }
}
