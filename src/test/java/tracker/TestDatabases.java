package tracker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    private TestDatabases() {}

    /** A new, migrated, empty database for one test server: its JDBC URL. */
    public static String fresh(Path dir) {
        if (!POSTGRES) return "jdbc:sqlite:" + dir.resolve("journeys.sqlite");
        String name = PREFIX + made.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + template());
        return urlOf(name);
    }

    /** A new PostgreSQL database with no tables (e.g. a migration's target), whichever engine this run uses. */
    public static String emptyPostgres() {
        String name = PREFIX + "e" + made.incrementAndGet();
        admin("CREATE DATABASE " + name);
        return urlOf(name);
    }

    /** Drops a database {@link #fresh} or {@link #emptyPostgres} made; a SQLite file goes with its temp dir. */
    public static void drop(String url) {
        if (!url.startsWith("jdbc:postgresql:")) return;
        String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        if (name.startsWith(PREFIX)) admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static Connection connect(String url) throws SQLException { return DriverManager.getConnection(url); }

    private static String urlOf(String name) { return ADMIN.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"); }

    private static synchronized String template() {
        if (template == null) {
            String name = PREFIX + "template";
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin("CREATE DATABASE " + name);
            Database.open(urlOf(name)).close();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
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
