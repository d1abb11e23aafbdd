package tracker.web;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import tracker.ledger.Refused;

/** Path and query parameters shared by the routes: ids, page cursors and limits, each refused in the same words. */
public final class Params {
    public static final int MAX_LIMIT = 200;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

    private Params() {}

    /** A message id from the path; anything else names no message (404). */
    public static long messageId(Context ctx) {
        String s = ctx.pathParam("id");
        if (!ID.matcher(s).matches()) throw Refused.unknown("no message " + s);
        return Long.parseLong(s);
    }

    /** The {@code cursor} a previous page gave out, or null for the first page. */
    public static Long cursor(Context ctx) {
        String s = ctx.queryParam("cursor");
        if (s == null || s.isEmpty()) return null;
        if (!ID.matcher(s).matches()) throw Refused.invalid("cursor is not one this API gave out", "cursor");
        return Long.parseLong(s);
    }

    /** {@code limit}: 1 to {@link #MAX_LIMIT}, 50 when absent. */
    public static int limit(Context ctx) {
        String s = ctx.queryParam("limit");
        if (s == null || s.isEmpty()) return 50;
        if (!DIGITS.matcher(s).matches() || Integer.parseInt(s) < 1 || Integer.parseInt(s) > MAX_LIMIT) {
            throw Refused.invalid("limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
        }
        return Integer.parseInt(s);
    }

    /** An optional query parameter, null when absent or empty. */
    public static String optional(Context ctx, String name) {
        String s = ctx.queryParam(name);
        return s == null || s.isEmpty() ? null : s;
    }
}
