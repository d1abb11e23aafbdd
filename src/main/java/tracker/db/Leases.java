package tracker.db;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance runs a background job when several share the database: a row in {@code lease}, taken when free or
 * expired and renewed by its holder, timed by the database's clock (instances may be on machines whose clocks
 * differ). An instance that dies stops renewing, so another takes over after the lease time; one that stops
 * releases its leases at once. On SQLite one process owns the file: every lease is always held.
 */
public final class Leases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    interface Dao {
        /** Takes the lease when free or expired, or renews it for its holder: 1 when this holder has it now. */
        @SqlUpdate("""
                INSERT INTO lease (name, holder, until) VALUES (:name, :holder, <dbNow> + :ms)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
                WHERE lease.until < <dbNow> OR lease.holder = excluded.holder""")
        int take(String name, String holder, long ms);

        /** True when the lease is this holder's or expired; empty when nobody ever took it. */
        @SqlQuery("SELECT holder = :holder OR until < <dbNow> FROM lease WHERE name = :name")
        Optional<Boolean> takeable(String name, String holder);

        @SqlUpdate("DELETE FROM lease WHERE name = :name AND holder = :holder")
        int release(String name, String holder);
    }

    private final Engine engine;
    private final Writer writer;
    private final Jdbi reads;
    private final String holder;
    /** Leases this instance holds, by when (System.nanoTime) it last took or renewed each. */
    private final Map<String, Long> renewedAt = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Leases(Database db) {
        this.engine = db.engine();
        this.writer = db.writer();
        this.reads = db.reads();
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        this.holder = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in the lease table: host, process and a random part (two instances in one JVM differ). */
    public String holder() { return holder; }

    /**
     * True while this instance holds the lease {@code name}: takes it when free or expired, renews it for {@code time}
     * once half of it has passed (so a holder writes twice per lease time, and another instance only reads).
     */
    public boolean hold(String name, Duration time) {
        if (closed) return false;
        if (!engine.shared()) return true; // one process: a restart must not wait for its own old lease
        long start = System.nanoTime();
        Long at = renewedAt.get(name);
        if (at != null && start - at < time.toNanos() / 2) return true; // our renewal still has half its time to run
        if (at == null && !reads.withExtension(Dao.class, d -> d.takeable(name, holder)).orElse(true)) return false;
        boolean held = writer.write(tx -> tx.dao(Dao.class).take(name, holder, time.toMillis())) == 1;
        if (held && at == null) log.info("lease {} taken by {}", name, holder);
        if (held) renewedAt.put(name, start);
        else renewedAt.remove(name);
        return held;
    }

    /** Gives the lease up now, e.g. a job that finished or an endpoint deleted: another instance may take it at once. */
    public void release(String name) {
        if (renewedAt.remove(name) == null || !engine.shared()) return;
        writer.write(tx -> tx.dao(Dao.class).release(name, holder));
    }

    /** At shutdown, once the loops have stopped: every lease goes, so other instances take over without waiting. */
    @Override
    public void close() {
        closed = true;
        for (String name : List.copyOf(renewedAt.keySet())) {
            try {
                release(name);
                log.info("lease {} released by {}", name, holder);
            } catch (RuntimeException e) {
                log.warn("lease {} not released ({}): another instance takes it when it expires", name, e.toString());
            }
        }
    }
}
