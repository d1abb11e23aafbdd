package tracker.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tracker.db.Notices;
import tracker.ledger.Changes;

/**
 * "Journey X changed" bus for live pages. {@link #changed} never blocks: it only queues the order id per subscriber
 * (coalesced, bounded); each subscriber is written to on its own sender thread, so a slow or dead browser holds up
 * nobody but itself. Changes made through other instances on the same database arrive as {@link Notices}.
 */
public final class LiveBus implements Changes, AutoCloseable {
    /** Browsers beyond this many get 503: each one may tie up a sender thread. */
    public static final int MAX_SUBSCRIBERS = 64;
    /** Streams one client (a dashboard session, else an address) may hold, so one cannot take them all. */
    public static final int MAX_PER_CLIENT = 4;
    /** Order ids queued for one subscriber before we tell it "reload everything" instead. */
    static final int MAX_PENDING = 256;
    /** The notices topic: order ids whose journey changed. */
    static final String TOPIC = "journey";

    /** Where a subscriber's messages go; throwing means the subscriber is gone. */
    public interface Sink {
        void journey(String orderId) throws Exception;

        void reset() throws Exception;

        void ping() throws Exception;

        /** Ends the stream: on shutdown, so a graceful stop does not wait for streams that never end. */
        void close();
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Places taken per client (streams open or opening); guarded by its own monitor, with {@link #places}. */
    private final Map<String, Integer> perClient = new HashMap<>();
    private int places;
    private volatile boolean closed;
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("live-sender"));
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(daemon("live-ping"));
    private final Notices notices;

    /** One process alone: only its own changes. */
    public LiveBus(long pingSeconds) { this(pingSeconds, Notices.local()); }

    public LiveBus(long pingSeconds, Notices notices) {
        this.notices = notices;
        // a comment now and then keeps proxies from closing an idle stream and finds dead browsers
        pinger.scheduleWithFixedDelay(() -> subscribers.forEach(Subscriber::ping), pingSeconds, pingSeconds, TimeUnit.SECONDS);
        notices.subscribe(TOPIC, this::elsewhere);
    }

    @Override
    public void changed(String orderId) {
        for (Subscriber s : subscribers) s.offer(orderId);
        notices.publish(TOPIC, orderId);
    }

    /** Journeys changed through another instance; null: any may have, so every page reloads everything. */
    private void elsewhere(Set<String> orderIds) {
        for (Subscriber s : subscribers) {
            if (orderIds == null) s.overflow();
            else orderIds.forEach(s::offer);
        }
    }

    /** Which cap a new stream hit: {@link #MAX_PER_CLIENT} of its client, or {@link #MAX_SUBSCRIBERS} in all. */
    public enum Full { CLIENT, ALL }

    /** Why {@code client} may not open another stream now, or null when it may. */
    public Full full(String client) {
        synchronized (perClient) {
            if (perClient.getOrDefault(client, 0) >= MAX_PER_CLIENT) return Full.CLIENT;
            return places >= MAX_SUBSCRIBERS ? Full.ALL : null;
        }
    }

    /**
     * A place for one more stream of {@code client}, taken before the stream opens (its headers go out before its
     * subscriber exists), so that checking the caps and counting are one step; null when a cap is reached.
     */
    public Place take(String client) {
        synchronized (perClient) {
            if (full(client) != null) return null;
            places++;
            perClient.merge(client, 1, Integer::sum);
            return new Place(client);
        }
    }

    /** A place and its subscriber in one step, or null when a cap is reached; run the result to unsubscribe. */
    public Runnable subscribe(String client, Sink sink) {
        Place place = take(client);
        return place == null ? null : place.subscribe(sink);
    }

    public int subscribers() { return subscribers.size(); }

    /** One client's place under the caps: given back once, when its stream ends or never opens. */
    public final class Place {
        private final String client;
        private boolean released; // guarded by perClient

        private Place(String client) { this.client = client; }

        /** The stream is open: {@code sink} hears of changes from now on; run the result to unsubscribe. */
        public Runnable subscribe(Sink sink) {
            Subscriber s = new Subscriber(this, sink);
            subscribers.add(s);
            if (closed) s.end(); // opened while the bus closed (the stream's headers went out first): end it too
            return s::close;
        }

        public void release() {
            synchronized (perClient) {
                if (released) return;
                released = true;
                places--;
                perClient.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
            }
        }
    }

    @Override
    public void close() {
        closed = true; // before the streams are ended: one that opens meanwhile sees it and ends itself
        pinger.shutdownNow();
        senders.shutdownNow();
        for (Subscriber s : subscribers) s.end();
        subscribers.clear();
    }

    private final class Subscriber {
        private final Place place;
        private final Sink sink;
        private final Set<String> pending = new LinkedHashSet<>();
        private boolean overflow, ping, scheduled, closed;

        Subscriber(Place place, Sink sink) {
            this.place = place;
            this.sink = sink;
        }

        synchronized void offer(String orderId) {
            if (pending.size() < MAX_PENDING) pending.add(orderId);
            else overflow = true;
            schedule();
        }

        synchronized void overflow() {
            pending.clear();
            overflow = true;
            schedule();
        }

        synchronized void ping() {
            ping = true;
            schedule();
        }

        private void schedule() {
            if (scheduled || closed) return;
            scheduled = true;
            try {
                senders.execute(this::drain);
            } catch (RejectedExecutionException shutDown) {
                closed = true;
            }
        }

        private void drain() {
            while (true) {
                List<String> batch;
                boolean all, beat;
                synchronized (this) {
                    if (closed || (pending.isEmpty() && !overflow && !ping)) {
                        scheduled = false;
                        return;
                    }
                    batch = overflow ? List.of() : new ArrayList<>(pending);
                    all = overflow;
                    beat = ping;
                    pending.clear();
                    overflow = ping = false;
                }
                try {
                    if (all) sink.reset();
                    for (String id : batch) sink.journey(id);
                    if (beat && !all && batch.isEmpty()) sink.ping();
                } catch (Exception gone) {
                    end(); // also end the stream: the browser then reconnects and catches up, and a stop never waits on it
                    return;
                }
            }
        }

        void close() {
            synchronized (this) {
                closed = true;
                pending.clear();
            }
            subscribers.remove(this);
            place.release(); // outside this subscriber's lock: the bus's lock is never taken inside it
        }

        void end() {
            close();
            try {
                sink.close();
            } catch (RuntimeException alreadyGone) {
                // the browser left first: nothing to end
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
