package tracker.docs;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API's description, public like the dashboard's page (it holds no secret; the API it describes still needs the
 * token): GET /openapi.json, the hand-written OpenAPI 3.1 document, and GET /docs, Swagger UI on it, its files served
 * from the swagger-ui webjar inside our jar (nothing is loaded from elsewhere).
 */
public final class ApiDocs {
    /** Only our own files may run or style it; Swagger UI's CSS draws its icons from data: URLs; no framing, no form posts. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> PAGE_HEADERS = Map.of("Content-Security-Policy", CSP,
            "Referrer-Policy", "no-referrer", "X-Content-Type-Options", "nosniff");
    private static final String JS = "text/javascript; charset=utf-8";

    private ApiDocs() {}

    public static void register(JavalinConfig config) {
        String webjar = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        DocFiles files = new DocFiles(Map.of(
                "/openapi.json", new DocFiles.Source("/docs/openapi.json", "application/json"),
                "/docs", new DocFiles.Source("/docs/index.html", "text/html; charset=utf-8"),
                "/docs/docs.js", new DocFiles.Source("/docs/docs.js", JS),
                "/docs/swagger-ui-bundle.js", new DocFiles.Source(webjar + "swagger-ui-bundle.js", JS),
                "/docs/swagger-ui.css", new DocFiles.Source(webjar + "swagger-ui.css", "text/css; charset=utf-8")));
        config.routes.get("/openapi.json", ctx -> files.serve(ctx, "/openapi.json", Map.of()));
        config.routes.get("/docs", ctx -> files.serve(ctx, "/docs", PAGE_HEADERS));
        config.routes.get("/docs/{file}", ctx -> files.serve(ctx, "/docs/" + ctx.pathParam("file"), PAGE_HEADERS));
    }

    /** The webjar's version, from its Maven metadata: its files lie in a folder named after it. */
    static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
