package tracker.docs;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tracker.ledger.Refused;

/**
 * The description and the docs page's files, read from the classpath on first use (Swagger UI's bundle is 1.6 MB:
 * no need to hold it until someone opens /docs) and served with an ETag, so a browser revalidates instead of
 * downloading them again.
 */
final class DocFiles {
    /** A file we serve: where it lies on the classpath and its Content-Type. */
    record Source(String resource, String type) {}

    private record Loaded(byte[] bytes, String etag) {}

    private final Map<String, Source> sources;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    /** {@code sources}: by the path they are served at; nothing else is served. */
    DocFiles(Map<String, Source> sources) { this.sources = Map.copyOf(sources); }

    /** 200 with the file, or 304 when the browser's copy is current; {@code headers} are set on both. */
    void serve(Context ctx, String name, Map<String, String> headers) {
        Source source = sources.get(name);
        if (source == null) throw Refused.unknown("no such file");
        Loaded file = loaded.computeIfAbsent(name, n -> load(source.resource()));
        headers.forEach(ctx::header);
        ctx.header("Cache-Control", "no-cache"); // revalidate: the files change with each release
        ctx.header("ETag", file.etag());
        String known = ctx.header("If-None-Match");
        if (known != null && known.contains(file.etag().substring(2))) { // weak comparison, as for If-None-Match
            ctx.status(304);
            return;
        }
        ctx.contentType(source.type()).result(file.bytes());
    }

    private static Loaded load(String resource) {
        try (InputStream in = DocFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing from the jar: " + resource);
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            // weak: the same tag stands for the gzipped copy Javalin may send
            return new Loaded(bytes, "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
