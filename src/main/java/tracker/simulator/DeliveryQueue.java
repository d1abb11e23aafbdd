package tracker.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callback deliveries on a fixed number of threads, one message's callbacks strictly one after another, with a
 * bounded backlog: when it is full the oldest waiting delivery is dropped with a log line, as eSMS gives up on a
 * callback it cannot deliver. However slow the receiver, threads and memory stay bounded.
 */
final class DeliveryQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    /** One delivery: {@code key} (the SMSID) orders it; {@code settled} runs once it ran, was dropped or closed. */
    record Job(String key, Runnable work, Runnable settled) {}

    private final int maxWaiting;
    private final Deque<Job> waiting = new ArrayDeque<>();
    /** Keys with a delivery running: their next one waits, so a message's callbacks keep their order. */
    private final Set<String> busy = new HashSet<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    DeliveryQueue(int threads, int maxWaiting, String name) {
        this.maxWaiting = maxWaiting;
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::work, name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    void submit(Job job) {
        Job dropped = null;
        boolean taken;
        synchronized (this) {
            taken = !closed;
            if (taken) {
                waiting.addLast(job);
                if (waiting.size() > maxWaiting) dropped = waiting.pollFirst();
                notifyAll();
            }
        }
        if (!taken) {
            job.settled().run(); // the simulator is closing: nothing more goes out
        } else if (dropped != null) {
            LOG.warn("callback for {} dropped: {} deliveries were already waiting (the receiver is slow or down)",
                    dropped.key(), maxWaiting);
            dropped.settled().run();
        }
    }

    private void work() {
        while (true) {
            Job job;
            synchronized (this) {
                while ((job = next()) == null) {
                    if (closed) return;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                busy.add(job.key());
            }
            try {
                job.work().run();
            } catch (RuntimeException e) {
                LOG.warn("callback for {} failed: {}", job.key(), e.toString());
            } finally {
                synchronized (this) {
                    busy.remove(job.key());
                    notifyAll();
                }
                job.settled().run();
            }
        }
    }

    /** The oldest waiting job whose key has no delivery running; null when none (or closed). */
    private Job next() {
        if (closed) return null;
        for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (!busy.contains(j.key())) {
                it.remove();
                return j;
            }
        }
        return null;
    }

    /** Stops the threads (a delivery in flight is interrupted) and settles what was still waiting. */
    @Override
    public void close() {
        List<Job> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(waiting);
            waiting.clear();
            notifyAll();
        }
        workers.forEach(Thread::interrupt);
        left.forEach(j -> j.settled().run());
    }
}
