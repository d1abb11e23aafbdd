package tracker.ops;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.Leases;
import tracker.db.SettingDao;
import tracker.db.Writer;

/**
 * RETENTION_DAYS: phone numbers are personal data, so journeys whose last event is older are deleted with their
 * messages and events, once a day, in small transactions so callbacks never wait long behind the purge.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final Duration EVERY = Duration.ofDays(1);
    static final String LEASE = "retention";
    private static final Duration LEASE_TIME = Duration.ofMinutes(10);
    /** When the next purge is due (epoch ms, the service's clock): in the database, so every instance keeps one schedule. */
    static final String NEXT_RUN = "retention.next_run_at";
    private static final int BATCH = 200;

    /** The same subquery in each statement picks the same journeys: the oldest first, ties by id. */
    public interface Dao {
        String OLDEST = "SELECT order_id FROM journey WHERE last_activity_at < :cutoff ORDER BY last_activity_at, id LIMIT :limit";

        @SqlUpdate("DELETE FROM event WHERE message_id IN (SELECT id FROM message WHERE order_id IN (" + OLDEST + "))")
        void deleteEvents(long cutoff, int limit);

        @SqlUpdate("DELETE FROM message WHERE order_id IN (" + OLDEST + ")")
        void deleteMessages(long cutoff, int limit);

        @SqlUpdate("DELETE FROM journey WHERE order_id IN (" + OLDEST + ")")
        int deleteJourneys(long cutoff, int limit);

        /** Webhook attempts, and events with their finished deliveries, older than the cutoff (a pending one stays). */
        @SqlUpdate("DELETE FROM webhook_attempt WHERE id IN (SELECT id FROM webhook_attempt WHERE at < :cutoff LIMIT :limit)")
        int deleteWebhookAttempts(long cutoff, int limit);

        @SqlUpdate("""
                DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM webhook_delivery
                  WHERE created_at < :cutoff AND state <> 'PENDING' LIMIT :limit)""")
        int deleteWebhookDeliveries(long cutoff, int limit);

        @SqlUpdate("""
                DELETE FROM webhook_message WHERE id IN (SELECT m.id FROM webhook_message m WHERE m.created_at < :cutoff
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.message_id = m.id) LIMIT :limit)""")
        int deleteWebhookMessages(long cutoff, int limit);
    }

    private final Writer writer;
    private final Clock clock;
    private final Duration keep;
    private final Metrics metrics;
    private final Leases leases;
    /** When this instance last learnt the next purge is due: until then it does not even look. */
    private long nextRunAt;
    private final long startedAt;

    public Retention(Writer writer, Clock clock, int days, Metrics metrics, Leases leases) {
        this.writer = writer;
        this.clock = clock;
        this.keep = Duration.ofDays(days);
        this.metrics = metrics;
        this.leases = leases;
        this.nextRunAt = clock.millis();
        this.startedAt = nextRunAt;
    }

    /**
     * Purges when a day has passed since the last purge by any instance (the first one runs soon after the first start).
     * A lease for the run, not row claims: the lease lets one instance at a time read and move the schedule and purge.
     */
    public void runIfDue() {
        long now = clock.millis();
        if (now < nextRunAt || !leases.hold(LEASE, LEASE_TIME)) return; // not due, or another instance is on it
        try {
            // none stored yet: the schedule starts at this instance's start, however late its loop's first tick
            long stored = writer.write(tx -> tx.dao(SettingDao.class).value(NEXT_RUN)).map(Long::parseLong).orElse(startedAt);
            if (now < stored) {
                nextRunAt = stored; // another instance purged: its schedule stands
                return;
            }
            long next = stored; // a fixed daily schedule anchored at the first start: a slow tick cannot shift it
            while (next <= now) next += EVERY.toMillis();
            long at = next;
            writer.write(tx -> { tx.dao(SettingDao.class).put(NEXT_RUN, Long.toString(at)); return null; });
            nextRunAt = next;
            metrics.retentionRun();
            int n = purge(now);
            if (n > 0) log.info("retention: purged {} journeys with no activity for {} days", n, keep.toDays());
        } finally {
            leases.release(LEASE); // done: whichever instance finds the next purge due takes it then
        }
    }

    /** Deletes every journey whose last activity is older than the retention period; returns how many. */
    private int purge(long now) {
        long cutoff = now - keep.toMillis();
        int total = 0;
        while (true) {
            int n = writer.write(tx -> {
                Dao dao = tx.dao(Dao.class);
                dao.deleteEvents(cutoff, BATCH);
                dao.deleteMessages(cutoff, BATCH);
                return dao.deleteJourneys(cutoff, BATCH);
            });
            metrics.purged(n);
            total += n;
            if (n < BATCH) break;
            leases.hold(LEASE, LEASE_TIME); // a long purge keeps its lease (its deletes are idempotent: it goes on anyway)
        }
        while (writer.write(tx -> {
            Dao dao = tx.dao(Dao.class);
            return dao.deleteWebhookAttempts(cutoff, BATCH) + dao.deleteWebhookDeliveries(cutoff, BATCH)
                    + dao.deleteWebhookMessages(cutoff, BATCH);
        }) > 0) { /* webhook logs age out alike, in small transactions too */ }
        return total;
    }
}
