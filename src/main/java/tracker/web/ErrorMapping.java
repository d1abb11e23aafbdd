package tracker.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.StorageUnavailable;
import tracker.ledger.Refused;

/** The one place where exceptions become the API's JSON error shape; never echoes internals. */
public final class ErrorMapping {
    private static void unavailable(Exception e, Context ctx) {
        log.warn("storage unavailable on {} {}: {}", ctx.method(), loggable(ctx.path()), e.getMessage());
        ctx.header("Retry-After", "5");
        send(ctx, 503, "storage is unavailable, nothing was stored; try again shortly", null);
    }

    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    /** 32+ URL-safe base64 characters: the shape of an HMAC token, never of an id or an order number we log. */
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("/[A-Za-z0-9_-]{32,}(?=/|$)");

    private ErrorMapping() {}

    public static void register(JavalinConfig config) {
        config.routes.exception(Refused.class, (e, ctx) -> send(ctx, status(e.why()), e.getMessage(), e.field()));
        config.routes.exception(HttpError.class, (e, ctx) -> send(ctx, e.status(), e.getMessage(), e.field()));
        config.routes.exception(StorageUnavailable.class, (e, ctx) -> unavailable(e, ctx));
        config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                send(ctx, 400, "body is not valid JSON (or not UTF-8)", "body"));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), words(e.getStatus()), null));
        // requests Jetty refuses before Javalin sees them (bad URI, 414, 431, 413 of WholeBodyFirst) answer alike
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // a read (or anything) that met the database down or out of connections: the same 503 as a failed write
            if (StorageUnavailable.isFault(e)) {
                unavailable(e, ctx);
                return;
            }
            log.error("unexpected error on {} {}", ctx.method(), loggable(ctx.path()), e);
            send(ctx, 500, "internal error; it has been logged", null);
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) send(ctx, 404, words(404), null);
        });
        config.routes.error(405, ctx -> send(ctx, 405, words(405), null));
    }

    /** The one place where a refusal's reason becomes an HTTP status. */
    static int status(Refused.Why why) {
        return switch (why) {
            case INVALID -> 400;
            case DENIED -> 403;
            case UNKNOWN -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case GONE -> 410;
        };
    }

    /** A path fit for a log line: any token-like segment masked (a callback token opens a message), control characters dropped. */
    static String loggable(String path) {
        String p = TOKEN_SEGMENT.matcher(path).replaceAll("/***").replaceAll("\\p{Cntrl}", "?");
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }

    /** Fixed words per status: Jetty's own messages may quote the request, so none of them is echoed. */
    static String words(int status) {
        return switch (status) {
            case 400 -> "malformed request";
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            case 408 -> "the request was not received in time";
            case 413 -> "request body too large";
            case 414 -> "request URL too long";
            case 431 -> "request headers too large";
            case 503 -> "the service is unavailable (stopping or overloaded); try again shortly";
            default -> status >= 500 ? "internal error" : "request refused";
        };
    }

    /** Jetty's error page as the API's JSON shape instead of HTML. */
    static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            String body = "{\"error\":\"" + words(code) + "\",\"field\":null}";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            ApiHeaders.add(response.getHeaders()); // Jetty may have reset the headers to write its error
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    static void send(Context ctx, int status, String error, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        ctx.status(status).json(body);
    }
}
