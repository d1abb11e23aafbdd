package tracker.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tracker.ledger.Changes;

/**
 * In-process "journey X changed" bus for live pages. {@link #changed} never blocks: it only queues the order id
 * per subscriber (coalesced, bounded); each subscriber is written to on its own sender thread, so a slow or dead
 * browser holds up nobody but itself.
 */
public final class LiveBus implements Changes, AutoCloseable {
    /** Browsers beyond this many get 503: each one may tie up a sender thread. */
    public static final int MAX_SUBSCRIBERS = 64;
    /** Order ids queued for one subscriber before we tell it "reload everything" instead. */
    static final int MAX_PENDING = 256;

    /** Where a subscriber's messages go; throwing means the subscriber is gone. */
    public interface Sink {
        void journey(String orderId) throws Exception;

        void reset() throws Exception;

        void ping() throws Exception;

        /** Ends the stream: on shutdown, so a graceful stop does not wait for streams that never end. */
        void close();
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("live-sender"));
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(daemon("live-ping"));

    public LiveBus(long pingSeconds) {
        // a comment now and then keeps proxies from closing an idle stream and finds dead browsers
        pinger.scheduleWithFixedDelay(() -> subscribers.forEach(Subscriber::ping), pingSeconds, pingSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void changed(String orderId) {
        for (Subscriber s : subscribers) s.offer(orderId);
    }

    /** A new subscriber, or null when there are already {@link #MAX_SUBSCRIBERS}. */
    public Runnable subscribe(Sink sink) {
        Subscriber s = new Subscriber(sink);
        synchronized (subscribers) {
            if (subscribers.size() >= MAX_SUBSCRIBERS) return null;
            subscribers.add(s);
        }
        return s::close;
    }

    public int subscribers() { return subscribers.size(); }

    @Override
    public void close() {
        pinger.shutdownNow();
        senders.shutdownNow();
        for (Subscriber s : subscribers) s.end();
        subscribers.clear();
    }

    private final class Subscriber {
        private final Sink sink;
        private final Set<String> pending = new LinkedHashSet<>();
        private boolean overflow, ping, scheduled, closed;

        Subscriber(Sink sink) { this.sink = sink; }

        synchronized void offer(String orderId) {
            if (pending.size() < MAX_PENDING) pending.add(orderId);
            else overflow = true;
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

        synchronized void close() {
            closed = true;
            pending.clear();
            subscribers.remove(this);
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
