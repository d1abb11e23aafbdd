package tracker.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, set up in this one place: a pool for writes (read committed; each write its own transaction, rows
 * locked by the statements that decide on them) and a read-only pool whose transactions see one snapshot.
 * The user and password are taken out of DATABASE_URL first, so no log, metadata or error ever shows them.
 */
final class Postgres {
    private static final Logger log = LoggerFactory.getLogger(Postgres.class);
    private static final int WRITERS = 12;
    private static final int READERS = 8;
    private static final Pattern CREDENTIAL = Pattern.compile("([?&])(user|password)=([^&]*)");

    private Postgres() {}

    /** DATABASE_URL without its user and password, and those two on their own. */
    record Url(String plain, String user, String password) {
        static Url of(String url) {
            String user = null, password = null;
            Matcher m = CREDENTIAL.matcher(url);
            StringBuilder plain = new StringBuilder();
            while (m.find()) {
                String value = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
                if (m.group(2).equals("user")) user = value;
                else password = value;
                m.appendReplacement(plain, Matcher.quoteReplacement(m.group(1)));
            }
            m.appendTail(plain);
            String s = plain.toString().replaceAll("[?&]+$", "").replace("?&", "?").replaceAll("&&+", "&");
            return new Url(s, user, password);
        }

        Properties credentials() {
            Properties p = new Properties();
            if (user != null) p.setProperty("user", user);
            if (password != null) p.setProperty("password", password);
            return p;
        }

        /** A connection of its own, outside the pools (LISTEN, one-off tools). */
        Connection connect() throws SQLException { return DriverManager.getConnection(plain, credentials()); }
    }

    /** The URL as it may be shown: the password replaced by ***. */
    static String redacted(String url) { return url.replaceAll("([?&]password=)[^&]*", "$1***"); }

    static Database open(String url) {
        // check each connection as it leaves the pool (Hikari skips that for one used in the last 500 ms): after the
        // database restarts, the first request must get a fresh connection, not a 503 from a dead one
        if (System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs") == null) {
            System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
        }
        Url u = Url.of(url);
        HikariDataSource writes = pool(u, "tracker-writes", WRITERS, false);
        HikariDataSource reads = null;
        try {
            var versions = Database.migrate(Engine.POSTGRESQL, writes);
            reads = pool(u, "tracker-reads", READERS, true);
            log.info("PostgreSQL at {}: {} write and {} read connections", u.plain(), WRITERS, READERS);
            HikariDataSource r = reads;
            return new Database(Engine.POSTGRESQL, versions, Database.jdbi(reads, Engine.POSTGRESQL),
                    new PooledWriter(Database.jdbi(writes, Engine.POSTGRESQL), WRITERS), () -> {
                        r.close();
                        writes.close();
                    }, u::connect);
        } catch (RuntimeException e) {
            if (reads != null) reads.close();
            writes.close();
            throw e;
        }
    }

    private static HikariDataSource pool(Url u, String name, int size, boolean readOnly) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(u.plain());
        c.setDataSourceProperties(u.credentials());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(2, size));
        c.setConnectionTimeout(5_000); // a database that is down answers 503 in seconds, not after half a minute
        c.setInitializationFailTimeout(10_000);
        c.setReadOnly(readOnly);
        // a reader's transaction sees one snapshot (a journey with its messages and events agrees with itself)
        c.setTransactionIsolation(readOnly ? "TRANSACTION_REPEATABLE_READ" : "TRANSACTION_READ_COMMITTED");
        c.addDataSourceProperty("ApplicationName", "esms-journey-tracker");
        c.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(c);
    }
}
