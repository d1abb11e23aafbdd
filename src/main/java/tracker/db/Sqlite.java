package tracker.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite, tuned in this one place: WAL, synchronous=FULL, a busy timeout, BEGIN IMMEDIATE for the one writer
 * connection (group commit), and a small pool of read connections beside it in deferred transactions.
 */
final class Sqlite {
    private static final Logger log = LoggerFactory.getLogger(Sqlite.class);
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int READERS = 4;

    private Sqlite() {}

    static Database open(String url) {
        var versions = Database.migrate(Engine.SQLITE, source(url, false));
        Jdbi writeJdbi = Database.jdbi(source(url, false), Engine.SQLITE);
        writeJdbi.setStatementBuilderFactory(conn -> new CachedStatements());
        GroupCommitWriter writer = new GroupCommitWriter(writeJdbi.open());
        ReadPool pool = new ReadPool(source(url, true));
        try {
            checkSettings(writer);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        return new Database(Engine.SQLITE, versions, Database.jdbi(pool, Engine.SQLITE), writer, pool::close, null);
    }

    private static void checkSettings(Writer writer) {
        String mode = writer.write(tx -> tx.dao(SchemaDao.class).journalMode());
        String sync = writer.write(tx -> tx.dao(SchemaDao.class).synchronous());
        if (!"wal".equalsIgnoreCase(mode) || !"2".equals(sync)) {
            throw new IllegalStateException("SQLite is not in WAL mode with synchronous=FULL (journal_mode=" + mode
                    + ", synchronous=" + sync + "); check that the database file is on a local disk");
        }
        log.info("SQLite on the writer connection: journal_mode={} synchronous={} (2 = FULL)", mode, sync);
    }

    private static SQLiteDataSource source(String url, boolean forReads) {
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
    private static final class ReadPool implements ConnectionFactory {
        private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(READERS);
        private final SQLiteDataSource ds;

        ReadPool(SQLiteDataSource ds) { this.ds = ds; }

        @Override public Connection openConnection() throws SQLException {
            Connection c = pool.poll();
            return c != null && !c.isClosed() ? c : ds.getConnection();
        }

        @Override public void closeConnection(Connection c) throws SQLException {
            if (!c.getAutoCommit()) c.rollback();
            if (!pool.offer(c)) c.close();
        }

        void close() {
            Connection c;
            while ((c = pool.poll()) != null) {
                try { c.close(); } catch (SQLException ignored) { /* closing anyway */ }
            }
        }
    }
}
