package tracker.web;

import io.javalin.http.Context;
import java.util.Locale;

/** A request body we parse as JSON must say it is JSON: a cross-site HTML form can send text/plain, never application/json. */
public final class JsonBody {
    private JsonBody() {}

    /** The body's bytes; 415 when it is not declared {@code application/json}. */
    public static byte[] of(Context ctx) {
        if (!declared(ctx.header("Content-Type"))) {
            throw new HttpError(415, "send the body as JSON, with Content-Type: application/json", "Content-Type");
        }
        return ctx.bodyAsBytes();
    }

    /** True for {@code application/json}, with or without parameters such as a charset. */
    static boolean declared(String contentType) {
        if (contentType == null) return false;
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
    }
}
