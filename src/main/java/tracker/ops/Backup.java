package tracker.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import tracker.db.Database;

/**
 * {@code ./run.sh backup <file>}: a consistent copy of the live database with SQLite's VACUUM INTO, which reads
 * one snapshot (WAL lets the service keep writing meanwhile). The copy is checked before we say it is good.
 */
public final class Backup {
    /** What the copy holds, for the closing message and for tests. */
    public record Result(Path file, long journeys, long messages, long events, long bytes) {}

    private Backup() {}

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: ./run.sh backup <file>   (e.g. ./run.sh backup backups/journeys-$(date +%F).sqlite)");
            System.exit(2);
        }
        String url = System.getenv().getOrDefault("DATABASE_URL", Database.DEFAULT_URL);
        try {
            System.err.println("backup: copying " + url + " to " + args[0] + " ...");
            Result r = run(url, Path.of(args[0]));
            System.err.printf("backup: done, %s holds %d journeys, %d messages, %d events (%d KiB), integrity ok%n",
                    r.file(), r.journeys(), r.messages(), r.events(), r.bytes() / 1024);
        } catch (IllegalStateException | SQLException e) {
            System.err.println("backup failed: " + e.getMessage());
            System.exit(1);
        }
    }

    public static Result run(String jdbcUrl, Path target) throws SQLException {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) throw new IllegalStateException("DATABASE_URL is not a SQLite JDBC URL");
        String source = jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("^file:", "").replaceFirst("\\?.*$", "");
        if (!Files.isRegularFile(Path.of(source))) {
            throw new IllegalStateException("no database at " + source + "; set DATABASE_URL as the service has it");
        }
        if (Files.exists(target)) throw new IllegalStateException(target + " already exists; choose a new file name");
        Path abs = target.toAbsolutePath();
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + abs.getParent() + ": " + e.getMessage());
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            try (PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
                p.setString(1, abs.toString());
                p.execute();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs); Statement s = c.createStatement()) {
            String check = one(s, "PRAGMA integrity_check");
            if (!"ok".equals(check)) throw new IllegalStateException("the copy failed its integrity check: " + check);
            return new Result(abs, Long.parseLong(one(s, "SELECT COUNT(*) FROM journey")),
                    Long.parseLong(one(s, "SELECT COUNT(*) FROM message")),
                    Long.parseLong(one(s, "SELECT COUNT(*) FROM event")), abs.toFile().length());
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
