package tracker.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * On every answer, before any handler runs (so refusals and errors carry them too): no content sniffing, and no
 * copy kept by browsers or proxies, since answers hold phone numbers. The dashboard's files relax caching themselves.
 */
final class ApiHeaders extends Handler.Wrapper {
    static void add(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        add(response.getHeaders());
        return super.handle(request, response, callback);
    }
}
