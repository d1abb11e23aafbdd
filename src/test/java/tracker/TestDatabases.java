package tracker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tracker.db.Database;

/**
 * The database a test runs on. By default a SQLite file in the test's own temp dir; with TEST_ENGINE=postgresql a
 * fresh PostgreSQL database per server, copied from a template migrated once per run (CREATE DATABASE ... TEMPLATE is
 * far quicker than ten migrations), dropped when the server is closed.
 */
public final class TestDatabases {
    /** True when this run's tests use PostgreSQL. */
    public static final boolean POSTGRES = "postgresql".equalsIgnoreCase(System.getenv("TEST_ENGINE"));
    /** Where test databases are made: TEST_POSTGRES_URL, by default the local server's postgres database. */
    static final String ADMIN = System.getenv().getOrDefault("TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private static final String PREFIX = "tracker_t" + ProcessHandle.current().pid() + "_";
    private static final AtomicInteger made = new AtomicInteger();
    private static volatile String template;
    /** Databases made and not dropped yet: whatever a test left is dropped when the test JVM exits. */
    private static final java.util.Set<String> left = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String db : left) {
                try {
                    admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                } catch (RuntimeException e) { /* the server is gone: nothing to tidy */ }
            }
        }));
    }

    private TestDatabases() {}

    /** A new, migrated, empty database for one test server: its JDBC URL. */
    public static String fresh(Path dir) {
        if (!POSTGRES) return "jdbc:sqlite:" + dir.resolve("journeys.sqlite");
        String name = PREFIX + made.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + template());
        left.add(name);
        return urlOf(name);
    }

    /** A new PostgreSQL database with no tables (e.g. a migration's target), whichever engine this run uses. */
    public static String emptyPostgres() {
        String name = PREFIX + "e" + made.incrementAndGet();
        admin("CREATE DATABASE " + name);
        left.add(name);
        return urlOf(name);
    }

    /** Drops a database {@link #fresh} or {@link #emptyPostgres} made; a SQLite file goes with its temp dir. */
    public static void drop(String url) {
        if (!url.startsWith("jdbc:postgresql:")) return;
        String name = nameOf(url);
        if (name.startsWith(PREFIX) && left.remove(name)) admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * Makes the database unusable for the service until closed: on SQLite its files become immutable (chattr +i:
     * every write fails), on PostgreSQL new connections are refused and the open ones are ended.
     */
    public static AutoCloseable outage(String url) throws Exception {
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            List<String> files = List.of(file, file + "-wal");
            for (String f : files) run("chattr", "+i", f);
            return () -> { for (String f : files) run("chattr", "-i", f); };
        }
        String name = nameOf(url);
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
        return () -> admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }

    /** SQL for the text of a top-level field of a JSON text column, in this run's engine. */
    public static String jsonText(String column, String field) {
        return POSTGRES ? "(" + column + "::json ->> '" + field + "')" : "json_extract(" + column + ", '$." + field + "')";
    }

    public static Connection connect(String url) throws SQLException { return DriverManager.getConnection(url); }

    private static String nameOf(String url) { return url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1"); }

    private static String urlOf(String name) { return ADMIN.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"); }

    private static synchronized String template() {
        if (template == null) {
            String name = PREFIX + "template";
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin("CREATE DATABASE " + name);
            Database.open(urlOf(name)).close();
            left.add(name);
            template = name;
        }
        return template;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage() + " (is PostgreSQL running? pg_ctlcluster --skip-systemctl-redirect "
                    + "$(ls /etc/postgresql) main start)", e);
        }
    }
}
