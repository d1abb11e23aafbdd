package bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Results as key=value lines, appended, for run.sh to read back. */
final class Kv implements AutoCloseable {
    private final PrintWriter w;

    Kv(Path file) throws IOException {
        w = new PrintWriter(Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    Kv put(String key, Object value) {
        w.println(key + "=" + value);
        w.flush();
        return this;
    }

    @Override
    public void close() { w.close(); }
}
