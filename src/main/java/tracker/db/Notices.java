package tracker.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one instance tells the others on its PostgreSQL database, by topic ("journey X changed", "the webhook
 * endpoints changed"...), so their live pages and in-memory copies follow changes made through it. Published after
 * the change committed, batched per {@link #WINDOW} into NOTIFYs under PostgreSQL's payload limit, heard on a
 * connection of its own (LISTEN) and handed to the topic's subscribers on that connection's thread. An instance never
 * hears its own notices. On SQLite (one process) nothing is sent or heard.
 */
public final class Notices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notices.class);
    public static final String CHANNEL = "tracker_notices";
    static final Duration WINDOW = Duration.ofMillis(100);
    /** Items queued for one topic in a window beyond which the others are told "anything may have changed". */
    static final int MAX_ITEMS = 2_000;
    private static final Duration PING_EVERY = Duration.ofSeconds(10);
    private static final long MAX_BACKOFF_MS = 5_000;

    /** A subscriber; runs on the listening thread, so it must be quick and must not block. */
    public interface Listener {
        /** What changed through another instance; null when anything may have (notices missed, or too many). */
        void heard(Set<String> items);
    }

    private final Database.Connector connector;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    /** In the order topics were last published to, so a notice never arrives after one published after it. */
    private final Map<String, Set<String>> pending = new LinkedHashMap<>(16, 0.75f, true); // guarded by itself
    private final Set<String> overflowed = new HashSet<>(); // guarded by pending
    private final Thread thread;
    private volatile boolean running = true;

    private Notices(Database.Connector connector) {
        this.connector = connector;
        this.thread = connector == null ? null : new Thread(this::run, "notices");
    }

    /** Nothing to tell and nobody to hear: one process alone on its database. */
    public static Notices local() { return new Notices(null); }

    /** Notices between the instances sharing {@code db}: listening from now on; on SQLite {@link #local()}. */
    public static Notices open(Database db) {
        if (!db.engine().shared()) return local();
        Notices n = new Notices(db::connect);
        n.thread.setDaemon(true);
        n.thread.start();
        return n;
    }

    /** Tells {@code listener} what other instances publish on {@code topic}. */
    public void subscribe(String topic, Listener listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Tells the other instances, within a window, that {@code item} of {@code topic} changed; never blocks. */
    public void publish(String topic, String item) {
        if (connector == null) return;
        synchronized (pending) {
            if (overflowed.contains(topic)) return;
            Set<String> items = pending.computeIfAbsent(topic, t -> new LinkedHashSet<>());
            if (items.size() < MAX_ITEMS) {
                items.add(item);
            } else {
                overflowed.add(topic); // a storm: one "reload everything" instead of thousands of ids
                pending.remove(topic);
            }
        }
    }

    private void run() {
        long backoff = 100;
        boolean down = false;
        while (running) {
            try (Connection c = connector.connect()) {
                c.setClientInfo("ApplicationName", "tracker-notices");
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (down) {
                    log.info("notices: listening again; refreshing what other instances may have changed meanwhile");
                    down = false;
                    told(null, null);
                }
                backoff = 100;
                serve(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                if (!down) {
                    log.warn("notices: no connection to PostgreSQL ({}); changes made through other instances are not "
                            + "seen live until it is back", e.toString());
                    down = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** Hears and publishes on one connection until it fails or the notices close. */
    private void serve(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextFlush = System.nanoTime() + WINDOW.toNanos(), nextPing = System.nanoTime() + PING_EVERY.toNanos();
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            while (running) {
                int wait = (int) Math.max(1, (nextFlush - System.nanoTime()) / 1_000_000);
                PGNotification[] got = pg.getNotifications(wait); // 0 would wait for ever
                if (got != null) for (PGNotification n : got) heard(n.getParameter());
                long now = System.nanoTime();
                if (now - nextFlush >= 0) {
                    boolean sent = flush(notify);
                    nextFlush = now + WINDOW.toNanos();
                    if (sent) nextPing = now + PING_EVERY.toNanos();
                }
                if (now - nextPing >= 0) { // a dropped connection shows up now, not at the next change
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                    nextPing = now + PING_EVERY.toNanos();
                }
            }
            flush(notify); // a stop still tells the others of the last window's changes
        }
    }

    /** Sends what the window gathered; true when it sent something. Lost sends leave the others to reload everything. */
    private boolean flush(PreparedStatement notify) throws SQLException {
        Map<String, Set<String>> batch;
        Set<String> all;
        synchronized (pending) {
            if (pending.isEmpty() && overflowed.isEmpty()) return false;
            batch = new LinkedHashMap<>(pending);
            all = new HashSet<>(overflowed);
            pending.clear();
            overflowed.clear();
        }
        try {
            for (String topic : all) send(notify, NoticePayload.everything(instance, topic));
            for (Map.Entry<String, Set<String>> e : batch.entrySet()) {
                for (String p : NoticePayload.chunks(instance, e.getKey(), e.getValue())) send(notify, p);
            }
            return true;
        } catch (SQLException e) {
            synchronized (pending) { // the others may have missed some of these: they reload everything of each topic
                overflowed.addAll(all);
                overflowed.addAll(batch.keySet());
                batch.keySet().forEach(pending::remove);
            }
            throw e;
        }
    }

    private static void send(PreparedStatement notify, String payload) throws SQLException {
        notify.setString(1, CHANNEL);
        notify.setString(2, payload);
        notify.execute();
    }

    private void heard(String payload) {
        NoticePayload p = NoticePayload.parse(payload);
        if (p == null) {
            log.warn("notices: a payload this build does not read, ignored");
            return;
        }
        if (!p.from().equals(instance)) told(p.topic(), p.items());
    }

    /** Hands {@code items} to the topic's subscribers; a null topic: every topic, everything may have changed. */
    private void told(String topic, Set<String> items) {
        listeners.forEach((t, ls) -> {
            if (topic != null && !topic.equals(t)) return;
            for (Listener l : ls) {
                try {
                    l.heard(items);
                } catch (RuntimeException e) {
                    log.warn("notices: a subscriber to {} failed: {}", t, e.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
