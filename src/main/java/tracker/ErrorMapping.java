package tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.StorageUnavailable;

/** The one place where exceptions become the API's JSON error shape; never echoes internals. */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    static void register(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.getMessage(), e.field()));
        config.routes.exception(StorageUnavailable.class, (e, ctx) -> {
            log.warn("storage unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "5");
            send(ctx, 503, "storage is unavailable, nothing was stored; try again shortly", null);
        });
        config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                send(ctx, 400, "body is not valid JSON (or not UTF-8)", "body"));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                send(ctx, e.getStatus(), e.getStatus() == 413 ? "request body too large" : "request refused", null));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, 500, "internal error; it has been logged", null);
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) send(ctx, 404, "no such resource", null);
        });
        config.routes.error(405, ctx -> send(ctx, 405, "method not allowed", null));
    }

    static void send(Context ctx, int status, String error, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        ctx.status(status).json(body);
    }
}
