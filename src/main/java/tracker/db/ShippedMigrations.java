package tracker.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned migrations this build ships (classpath:migration/common and the engine's own folder), read without
 * Flyway, so that a start on an up-to-date database can skip loading Flyway (about a third of the start-up).
 * Anything unusual means "ask Flyway".
 */
record ShippedMigrations(List<Shipped> all) {
    /** One V&lt;version&gt;__&lt;description&gt;.sql file and the checksum Flyway records for it. */
    record Shipped(String version, String description, int checksum) {}

    private static final Pattern NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    /** The shipped migrations for {@code engine} (common and its own), or null when they cannot be listed plainly. */
    static ShippedMigrations scan(ClassLoader loader, Engine engine) {
        List<Shipped> all = new ArrayList<>();
        for (String location : engine.migrations()) {
            if (!scan(loader, location.substring("classpath:".length()), all)) return null;
        }
        return all.isEmpty() ? null : new ShippedMigrations(List.copyOf(all));
    }

    private static boolean scan(ClassLoader loader, String folder, List<Shipped> into) {
        try {
            URL dir = loader.getResource(folder);
            if (dir == null) return false;
            List<String> names = new ArrayList<>();
            if (dir.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            } else if (dir.getProtocol().equals("jar")) {
                var jar = ((JarURLConnection) dir.openConnection()).getJarFile();
                String prefix = folder + "/";
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix) && n.length() > prefix.length() && !n.endsWith("/"))
                        .forEach(n -> names.add(n.substring(prefix.length())));
            } else {
                return false;
            }
            for (String name : names) {
                Matcher m = NAME.matcher(name);
                if (!m.matches() || name.contains("/")) return false; // repeatable, undo, Java, nested: Flyway's business
                try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
                    if (in == null) return false;
                    into.add(new Shipped(m.group(1).replace('_', '.'), m.group(2).replace('_', ' '), checksum(in)));
                }
            }
            return true;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /** Flyway's checksum: CRC-32 over the UTF-8 bytes of each line without its line break, BOM dropped. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean first = true;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (first && line.startsWith("\uFEFF")) line = line.substring(1);
            first = false;
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    List<String> versions() { return all.stream().map(Shipped::version).sorted().toList(); }

    /**
     * True only when the history shows exactly the shipped migrations, each applied successfully with the same
     * description and checksum, and nothing else (no failure, no newer or unknown row): then Flyway would neither
     * migrate nor fail validation. Any doubt (no history table yet, a difference) answers false.
     */
    boolean appliedExactly(Connection c) {
        Map<String, Shipped> byVersion = new HashMap<>();
        for (Shipped s : all) byVersion.put(s.version(), s);
        int matched = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, description, type, checksum, success FROM flyway_schema_history")) {
            while (rs.next()) {
                Shipped s = rs.getString(1) == null ? null : byVersion.remove(rs.getString(1));
                int checksum = rs.getInt(4);
                boolean same = s != null && !rs.wasNull() && s.checksum() == checksum && s.description().equals(rs.getString(2))
                        && "SQL".equals(rs.getString(3)) && rs.getBoolean(5);
                if (!same) return false;
                matched++;
            }
        } catch (SQLException e) {
            return false;
        }
        return matched == all.size() && byVersion.isEmpty();
    }
}
