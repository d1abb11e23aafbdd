package tracker.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite, tuned in this one place: WAL, synchronous=FULL, a busy timeout, BEGIN IMMEDIATE for the one
 * writer connection, and a small pool of read connections beside it.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Where the database lives unless DATABASE_URL says otherwise. */
    public static final String DEFAULT_URL = "jdbc:sqlite:db/journeys.sqlite";
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int READERS = 4;

    private final String url;
    private final Jdbi reads;
    private final Writer writer;
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(READERS);
    private final Set<String> expectedMigrations = new TreeSet<>();

    /** Migrations this build ships that the database does not show as applied, and any recorded as failed. */
    public record Migrations(List<String> missing, List<String> failed) {
        public boolean ok() { return missing.isEmpty() && failed.isEmpty(); }
    }

    private Database(String url) {
        this.url = url;
        long t0 = System.nanoTime();
        ShippedMigrations shipped = ShippedMigrations.scan(Database.class.getClassLoader());
        if (shipped != null && schemaCurrent(shipped)) {
            expectedMigrations.addAll(shipped.versions());
            log.debug("schema current ({} migrations): Flyway not needed, {} ms", expectedMigrations.size(), ms(t0));
        } else {
            migrate();
            log.info("schema migrated by Flyway in {} ms", ms(t0));
        }
        Jdbi writeJdbi = Jdbi.create(dataSource(false)).installPlugin(new SqlObjectPlugin());
        writeJdbi.setStatementBuilderFactory(conn -> new CachedStatements());
        this.writer = new Writer(writeJdbi.open());
        this.reads = Jdbi.create(new PooledReads()).installPlugin(new SqlObjectPlugin());
        checkSettings();
    }

    public static Database open(String url) { return new Database(url); }

    private boolean schemaCurrent(ShippedMigrations shipped) {
        try (Connection c = dataSource(false).getConnection()) {
            return shipped.appliedExactly(c);
        } catch (SQLException e) {
            return false; // Flyway will say what is wrong
        }
    }

    private void migrate() {
        Flyway flyway = Flyway.configure().dataSource(dataSource(false)).locations("classpath:migration")
                .failOnMissingLocations(true).load();
        flyway.migrate();
        for (MigrationInfo i : flyway.info().all()) if (i.getVersion() != null) expectedMigrations.add(i.getVersion().getVersion());
    }

    private static long ms(long since) { return (System.nanoTime() - since) / 1_000_000; }

    /** Jdbi for reads; WAL lets these run beside the writer without blocking it. */
    public Jdbi reads() { return reads; }

    public Writer writer() { return writer; }

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

    private void checkSettings() {
        String mode = writer.write(tx -> tx.dao(SchemaDao.class).journalMode());
        String sync = writer.write(tx -> tx.dao(SchemaDao.class).synchronous());
        if (!"wal".equalsIgnoreCase(mode) || !"2".equals(sync)) {
            throw new IllegalStateException("SQLite is not in WAL mode with synchronous=FULL (journal_mode=" + mode
                    + ", synchronous=" + sync + "); check that the database file is on a local disk");
        }
        log.info("SQLite on the writer connection: journal_mode={} synchronous={} (2 = FULL)", mode, sync);
    }

    private SQLiteDataSource dataSource(boolean forReads) {
        SQLiteConfig c = new SQLiteConfig();
        if (!forReads) c.setJournalMode(SQLiteConfig.JournalMode.WAL); // persistent in the file; set by the writer
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout(BUSY_TIMEOUT_MS);
        c.enforceForeignKeys(true);
        // the writer takes the write lock at BEGIN; a reader's transaction (one consistent snapshot) must not take it
        c.setTransactionMode(forReads ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(c);
        ds.setUrl(url);
        return ds;
    }

    /** A tiny pool: opening a SQLite connection and applying pragmas costs more than most of our reads. */
    private final class PooledReads implements ConnectionFactory {
        private final SQLiteDataSource ds = dataSource(true);

        @Override public Connection openConnection() throws SQLException {
            Connection c = pool.poll();
            return c != null && !c.isClosed() ? c : ds.getConnection();
        }

        @Override public void closeConnection(Connection c) throws SQLException {
            if (!c.getAutoCommit()) c.rollback();
            if (!pool.offer(c)) c.close();
        }
    }

    @Override
    public void close() {
        writer.close();
        Connection c;
        while ((c = pool.poll()) != null) {
            try { c.close(); } catch (SQLException ignored) { /* closing anyway */ }
        }
    }
}
