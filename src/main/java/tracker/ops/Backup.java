package tracker.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
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
        } catch (IllegalStateException | JdbiException e) {
            System.err.println("backup failed: " + e.getMessage());
            System.exit(1);
        }
    }

    public static Result run(String jdbcUrl, Path target) {
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
        Jdbi.create(jdbcUrl).installPlugin(new SqlObjectPlugin()).useExtension(BackupDao.class, dao -> {
            dao.waitWhenBusy();
            dao.copyTo(abs.toString());
        });
        return Jdbi.create("jdbc:sqlite:" + abs).installPlugin(new SqlObjectPlugin()).withExtension(BackupDao.class, dao -> {
            String check = dao.integrity();
            if (!"ok".equals(check)) throw new IllegalStateException("the copy failed its integrity check: " + check);
            return new Result(abs, dao.journeys(), dao.messages(), dao.events(), abs.toFile().length());
        });
    }
}
