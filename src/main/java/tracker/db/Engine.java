package tracker.db;

import java.util.Map;

/**
 * The two engines and the few SQL fragments that differ between them, in this one place. Jdbi statements use them
 * as {@code <forUpdate>}, {@code <skipLocked>} and {@code <dbNow>}; plain statements ask {@link Prepared#engine()}.
 */
public enum Engine {
    /** One process owns the file (a single writer), so a row read in a write is already as good as locked. */
    SQLITE("sqlite", "", "", "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"),
    /** Several instances may write at once: a write locks the rows it decides on; a claim skips rows another holds. */
    POSTGRESQL("postgresql", " FOR UPDATE", " FOR UPDATE SKIP LOCKED",
            "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");

    private final String vendor;
    private final String forUpdate;
    private final String skipLocked;
    private final String now;

    Engine(String vendor, String forUpdate, String skipLocked, String now) {
        this.vendor = vendor;
        this.forUpdate = forUpdate;
        this.skipLocked = skipLocked;
        this.now = now;
    }

    /** The engine of a JDBC URL: jdbc:sqlite:... or jdbc:postgresql://... */
    public static Engine of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("not a SQLite or PostgreSQL JDBC URL");
    }

    /** Flyway's migrations for this engine: the common ones and its own. */
    String[] migrations() { return new String[] {"classpath:migration/common", "classpath:migration/" + vendor}; }

    /** Appended to a SELECT whose rows the transaction will change on what it read. */
    public String forUpdate() { return forUpdate; }

    /** Appended to a claim's SELECT: rows another instance is claiming right now are left to it. */
    public String skipLocked() { return skipLocked; }

    /** The database's own clock in epoch milliseconds (one clock for every instance, e.g. for leases). */
    public String now() { return now; }

    /** What Jdbi statements may name as {@code <name>}. */
    Map<String, String> defines() { return Map.of("forUpdate", forUpdate, "skipLocked", skipLocked, "dbNow", now); }

    /** True when several instances may share the database. */
    public boolean shared() { return this == POSTGRESQL; }
}
