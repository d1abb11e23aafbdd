package tracker.ops;

import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tracker.db.Database;
import tracker.db.Engine;
import tracker.ops.MigrateStatements.Column;

/**
 * {@code ./run.sh migrate-to <jdbc:postgresql://...>}: moves the SQLite database DATABASE_URL names to an empty
 * PostgreSQL database. Both are opened through {@link Database} first (the source migrated to this build's schema,
 * the target's schema made by Flyway); then every table is copied with its ids in one transaction on the target,
 * identities continued past the copied ids and row counts compared before the commit: all or nothing.
 */
public final class MigrateTo {
    /** Exit codes: the command was wrong (usage, engines, no source), the target holds rows, the copy failed. */
    static final int USAGE = 2, NOT_EMPTY = 3, FAILED = 1;
    private static final int BATCH = 1_000;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(3).toNanos();

    /** A table to copy, in foreign-key order; {@code key} orders the rows; {@code identity}: its id is generated. */
    record Table(String name, String key, boolean identity) {}

    static final List<Table> COPIED = List.of(
            new Table("journey", "id", true),
            new Table("message", "id", true), // resend_of names an older message: id order inserts it first
            new Table("event", "id", true),
            new Table("setting", "name", false), // the stored callback secret: URLs given to eSMS keep verifying
            new Table("account_pause", "id", false),
            new Table("alert", "id", true),
            new Table("webhook_endpoint", "id", true),
            new Table("webhook_message", "id", true),
            new Table("webhook_delivery", "id", true),
            new Table("webhook_attempt", "id", true),
            new Table("dashboard_session", "id_digest", false)); // signed-in dashboards stay signed in
    /** A lease names an instance of the old service; the first instance on the target takes each job afresh. */
    static final List<String> SKIPPED = List.of("lease");

    /** What was copied: rows per table, in copy order, and how long it took. */
    public record Result(Map<String, Long> rows, Duration took) {}

    /** The move was refused or failed; {@code exitCode} says which. */
    public static final class Stopped extends RuntimeException {
        public final int exitCode;

        Stopped(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private MigrateTo() {}

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: ./run.sh migrate-to <jdbc:postgresql://host/db?user=...&password=...>   "
                    + "(moves the SQLite database DATABASE_URL names; the target must hold no rows)");
            System.exit(USAGE);
        }
        String source = System.getenv().getOrDefault("DATABASE_URL", Database.DEFAULT_URL);
        try {
            Result r = run(source, args[0], System.err);
            System.err.printf("migrate-to: done in %.1f s: %s%n", r.took().toMillis() / 1000.0, r.rows().entrySet().stream()
                    .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
            System.err.println("migrate-to: next: keep the service stopped on SQLite, set DATABASE_URL="
                    + Database.redacted(args[0]) + " (with its real password) and start it (./run.sh); keep "
                    + source.replaceFirst("^jdbc:sqlite:", "") + " as it is until you are satisfied");
            System.exit(0);
        } catch (Stopped e) {
            System.err.println("migrate-to " + (e.exitCode == FAILED ? "failed" : "refused") + ": " + hide(e.getMessage(), source, args[0]));
            System.exit(e.exitCode);
        } catch (RuntimeException e) {
            System.err.println("migrate-to failed, nothing was copied: " + hide(String.valueOf(e.getMessage()), source, args[0]));
            System.exit(FAILED);
        }
    }

    /** Moves {@code sourceUrl} (SQLite) to {@code targetUrl} (PostgreSQL), telling {@code out} how it goes. */
    public static Result run(String sourceUrl, String targetUrl, PrintStream out) {
        long t0 = System.nanoTime();
        if (engine(targetUrl) != Engine.POSTGRESQL) {
            throw new Stopped(USAGE, "the target " + Database.redacted(targetUrl) + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host/db?user=...&password=...)");
        }
        if (engine(sourceUrl) != Engine.SQLITE) {
            throw new Stopped(USAGE, "DATABASE_URL (" + Database.redacted(sourceUrl) + ") is not a SQLite database; migrate-to moves one to PostgreSQL");
        }
        Path file = Path.of(sourceUrl.substring("jdbc:sqlite:".length()).replaceFirst("^file:", "").replaceFirst("\\?.*$", ""));
        if (!Files.isRegularFile(file)) {
            throw new Stopped(USAGE, "no SQLite database at " + file + "; set DATABASE_URL as the service has it");
        }
        out.println("migrate-to: moving " + sourceUrl + " to " + Database.redacted(targetUrl) + " (the service must be stopped)");
        Database.open(sourceUrl).close(); // this build's schema on the source, as the service would make it
        try (Database target = openTarget(targetUrl); Connection to = target.connect();
             Connection from = DriverManager.getConnection(sourceUrl)) {
            from.setAutoCommit(false); // one read transaction: every table from the same snapshot
            to.setAutoCommit(false);
            try {
                Map<String, Long> rows = copyAll(from, to, out);
                to.commit();
                return new Result(rows, Duration.ofNanos(System.nanoTime() - t0));
            } finally {
                if (!to.getAutoCommit()) to.rollback(); // no-op after the commit; undoes everything otherwise
                from.rollback();
            }
        } catch (SQLException e) {
            throw new Stopped(FAILED, "nothing was kept on the target: " + e.getMessage());
        }
    }

    private static Database openTarget(String url) {
        try {
            return Database.open(url);
        } catch (RuntimeException e) {
            throw new Stopped(FAILED, "cannot open the target " + Database.redacted(url) + ": " + e.getMessage());
        }
    }

    private static Map<String, Long> copyAll(Connection from, Connection to, PrintStream out) throws SQLException {
        List<String> ours = Stream.concat(COPIED.stream().map(Table::name), SKIPPED.stream()).toList();
        MigrateStatements.lock(to, ours);
        List<String> filled = new ArrayList<>();
        for (String t : ours) if (MigrateStatements.hasRows(to, t)) filled.add(t);
        if (!filled.isEmpty()) {
            throw new Stopped(NOT_EMPTY, "the target already holds rows in " + String.join(", ", filled)
                    + "; migrate-to never overwrites: give it a new, empty database (nothing was changed)");
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Table t : COPIED) expected.put(t.name(), MigrateStatements.count(from, t.name()));
        Map<String, Long> copied = new LinkedHashMap<>();
        for (Table t : COPIED) {
            copied.put(t.name(), copy(from, to, t, expected.get(t.name()), out));
            if (t.identity()) MigrateStatements.continueIdentity(to, t.name());
        }
        List<String> differ = new ArrayList<>();
        for (Table t : COPIED) {
            long there = MigrateStatements.count(to, t.name());
            if (there != expected.get(t.name())) differ.add(t.name() + " " + expected.get(t.name()) + " in SQLite, " + there + " in PostgreSQL");
        }
        if (!differ.isEmpty()) throw new Stopped(FAILED, "row counts differ, nothing was kept: " + String.join("; ", differ));
        out.println("migrate-to: row counts match; not copied: " + String.join(", ", SKIPPED) + " (held by running instances only)");
        return copied;
    }

    private static long copy(Connection from, Connection to, Table t, long total, PrintStream out) throws SQLException {
        List<Column> columns = MigrateStatements.columns(to, t.name());
        Set<String> theirs = new TreeSet<>(), mine = new TreeSet<>();
        MigrateStatements.columns(from, t.name()).forEach(c -> theirs.add(c.name()));
        columns.forEach(c -> mine.add(c.name()));
        if (!theirs.equals(mine)) throw new Stopped(FAILED, t.name() + " has columns " + theirs + " in SQLite but " + mine + " in PostgreSQL");
        long n = 0, lastSaid = System.nanoTime();
        try (PreparedStatement read = MigrateStatements.readAll(from, t.name(), t.key(), columns);
             PreparedStatement insert = MigrateStatements.insert(to, t.name(), columns)) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) bind(insert, i, columns.get(i - 1).type(), rs);
                    insert.addBatch();
                    if (++n % BATCH == 0) {
                        send(insert, t, n);
                        if (System.nanoTime() - lastSaid > PROGRESS_EVERY_NANOS) {
                            out.printf("migrate-to: %s %,d / %,d rows%n", t.name(), n, total);
                            lastSaid = System.nanoTime();
                        }
                    }
                }
            }
            if (n % BATCH != 0) send(insert, t, n);
        }
        out.printf("migrate-to: %s %,d rows copied%n", t.name(), n);
        return n;
    }

    private static void send(PreparedStatement insert, Table t, long upTo) throws SQLException {
        try {
            insert.executeBatch();
        } catch (BatchUpdateException e) {
            // the batch's own message repeats the statement with its values (secrets among them): the server's reason only
            SQLException why = e.getNextException() != null ? e.getNextException() : e;
            throw new SQLException("copying " + t.name() + " failed in the rows up to " + upTo + ": " + why.getMessage(), e);
        }
    }

    /** SQLite keeps booleans as 0/1 and has loose types: each value is bound as the target's column wants it. */
    private static void bind(PreparedStatement insert, int i, int type, ResultSet rs) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            insert.setNull(i, type);
            return;
        }
        switch (type) {
            case Types.BIT, Types.BOOLEAN -> insert.setBoolean(i, v instanceof Number num ? num.longValue() != 0
                    : Set.of("1", "true", "t").contains(v.toString().toLowerCase()));
            case Types.BIGINT -> insert.setLong(i, rs.getLong(i));
            case Types.INTEGER, Types.SMALLINT -> insert.setInt(i, rs.getInt(i));
            default -> insert.setString(i, rs.getString(i));
        }
    }

    private static Engine engine(String url) {
        try {
            return Engine.of(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Pattern PASSWORD = Pattern.compile("[?&]password=([^&]*)");

    /** Whatever a driver or library said, without either URL's password (raw or decoded). */
    static String hide(String text, String... urls) {
        String s = text;
        for (String url : urls) {
            Matcher m = PASSWORD.matcher(url);
            while (m.find()) {
                if (m.group(1).isEmpty()) continue;
                s = s.replace(m.group(1), "***").replace(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), "***");
            }
        }
        return s;
    }
}
