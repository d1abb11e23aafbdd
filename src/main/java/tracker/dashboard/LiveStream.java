package tracker.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.util.Map;
import tracker.ledger.Detail;
import tracker.ledger.Refused;

/** GET /api/live: server-sent events "journey" {orderId} after each commit; the page then refetches the API. */
final class LiveStream {
    static final String PATH = "/api/live";

    private LiveStream() {}

    static void register(JavalinConfig config, LiveBus bus, ObjectMapper json) {
        SseHandler sse = new SseHandler(client -> attach(client, bus, json));
        config.routes.get(PATH, ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw Refused.invalid("this is an event stream: ask with Accept: text/event-stream", "Accept");
            }
            if (bus.subscribers() >= LiveBus.MAX_SUBSCRIBERS) {
                throw Refused.unavailable("too many live pages are open; close some or try again later");
            }
            sse.handle(ctx);
        });
    }

    private static void attach(SseClient client, LiveBus bus, ObjectMapper json) {
        client.keepAlive();
        Runnable unsubscribe = bus.subscribe(new LiveBus.Sink() {
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
        if (unsubscribe == null) {
            client.close();
            return;
        }
        client.onClose(unsubscribe);
        client.sendComment("connected"); // flushes the headers so the browser's EventSource opens now
    }

    private static void send(SseClient client, String event, String data) throws IOException {
        client.sendEvent(event, data);
        if (client.terminated()) throw new IOException("browser went away");
    }
}
