package tracker.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database, whichever engine DATABASE_URL names: SQLite ({@link Sqlite}, the embedded default, one writer with
 * group commit) or PostgreSQL ({@link Postgres}, shared by several instances). Features see only this: reads, the
 * writer, the engine, and (PostgreSQL) a connection of their own.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Where the database lives unless DATABASE_URL says otherwise. */
    public static final String DEFAULT_URL = "jdbc:sqlite:db/journeys.sqlite";

    /** Opens a connection outside the pools. */
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Engine engine;
    private final Jdbi reads;
    private final Writer writer;
    private final Runnable closeRest;
    private final Connector connector;
    private final Set<String> expectedMigrations;

    /** Migrations this build ships that the database does not show as applied, and any recorded as failed. */
    public record Migrations(List<String> missing, List<String> failed) {
        public boolean ok() { return missing.isEmpty() && failed.isEmpty(); }
    }

    Database(Engine engine, Set<String> expectedMigrations, Jdbi reads, Writer writer, Runnable closeRest, Connector connector) {
        this.engine = engine;
        this.expectedMigrations = Set.copyOf(expectedMigrations);
        this.reads = reads;
        this.writer = writer;
        this.closeRest = closeRest;
        this.connector = connector;
    }

    public static Database open(String url) {
        return Engine.of(url) == Engine.SQLITE ? Sqlite.open(url) : Postgres.open(url);
    }

    /** A JDBC URL as it may be shown in a log or an answer: never with its password. */
    public static String redacted(String url) { return Postgres.redacted(url); }

    /** Brings the schema up to date; returns the versions this build ships. Flyway only when the history differs. */
    static Set<String> migrate(Engine engine, DataSource ds) {
        long t0 = System.nanoTime();
        ShippedMigrations shipped = ShippedMigrations.scan(Database.class.getClassLoader(), engine);
        if (shipped != null && schemaCurrent(shipped, ds)) {
            log.debug("schema current ({} migrations): Flyway not needed, {} ms", shipped.versions().size(), ms(t0));
            return new TreeSet<>(shipped.versions());
        }
        Flyway flyway = Flyway.configure().dataSource(ds).locations(engine.migrations()).failOnMissingLocations(true).load();
        flyway.migrate();
        Set<String> versions = new TreeSet<>();
        for (MigrationInfo i : flyway.info().all()) if (i.getVersion() != null) versions.add(i.getVersion().getVersion());
        log.info("schema migrated by Flyway in {} ms", ms(t0));
        return versions;
    }

    private static boolean schemaCurrent(ShippedMigrations shipped, DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return shipped.appliedExactly(c);
        } catch (SQLException e) {
            return false; // Flyway will say what is wrong
        }
    }

    static Jdbi jdbi(DataSource ds, Engine engine) { return defined(Jdbi.create(ds), engine); }

    static Jdbi jdbi(ConnectionFactory connections, Engine engine) { return defined(Jdbi.create(connections), engine); }

    private static Jdbi defined(Jdbi jdbi, Engine engine) {
        jdbi.installPlugin(new SqlObjectPlugin());
        engine.defines().forEach(jdbi::define);
        return jdbi;
    }

    private static long ms(long since) { return (System.nanoTime() - since) / 1_000_000; }

    public Engine engine() { return engine; }

    /** Jdbi for reads: on SQLite beside the writer (WAL), on PostgreSQL read-only, each transaction one snapshot. */
    public Jdbi reads() { return reads; }

    public Writer writer() { return writer; }

    /** A connection of its own, outside the pools, e.g. to LISTEN (PostgreSQL only). */
    public Connection connect() throws SQLException {
        if (connector == null) throw new IllegalStateException("only a shared database hands out connections of its own");
        return connector.connect();
    }

    /** Compares the schema history with the migrations shipped (cheap: one small query, for /health). */
    public Migrations migrations() {
        Map<String, Boolean> applied = new HashMap<>();
        for (SchemaDao.Applied a : reads.withExtension(SchemaDao.class, SchemaDao::history)) {
            applied.merge(a.version(), a.success(), Boolean::logicalAnd);
        }
        List<String> missing = new ArrayList<>(), failed = new ArrayList<>();
        for (String v : expectedMigrations) if (!applied.containsKey(v)) missing.add(v);
        applied.forEach((v, ok) -> { if (!ok) failed.add(v); });
        return new Migrations(missing, failed);
    }

    /** True when the database answers a query that touches a table. */
    public boolean answers() {
        try {
            reads.withExtension(SettingDao.class, SettingDao::count);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        writer.close();
        closeRest.run();
    }
}
