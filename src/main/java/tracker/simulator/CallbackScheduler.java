package tracker.simulator;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a message's life on a timer: at each step the message's truth advances and (unless its callbacks
 * are lost or it has no CallbackUrl) the matching callback goes out on a delivery thread.
 */
final class CallbackScheduler implements AutoCloseable {
    private record Step(long atMillis, MessageStatus status) {
    }

    /** Threads delivering callbacks: each holds one delivery, up to 5 timed-out tries. */
    static final int DELIVERY_THREADS = 8;
    /** Deliveries that may wait for a thread; beyond, the oldest is dropped (logged), as eSMS gives up. */
    static final int MAX_WAITING = 2_000;

    /** One thread; its queue is bounded by the send rate limit (20/s) times a plan's few seconds. */
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, daemon("esms-sim-timer"));
    /** Each message's callbacks go out one after another, in the order its steps were played. */
    private final DeliveryQueue deliveries;
    private final CallbackSender sender;
    /** Steps scheduled whose play and callbacks are not finished: lets tests wait for quiet instead of sleeping. */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final Duration first;
    private final Duration step;

    CallbackScheduler(CallbackSender sender, Duration first, Duration step) {
        this.deliveries = new DeliveryQueue(DELIVERY_THREADS, MAX_WAITING, "esms-sim-callback");
        this.sender = sender;
        this.first = first;
        this.step = step;
    }

    void schedule(Message message) {
        for (Step s : plan(message)) {
            unfinished.incrementAndGet();
            try {
                timer.schedule(() -> play(message, s.status()), s.atMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                unfinished.decrementAndGet();
                return; // simulator closed while the send was being answered
            }
        }
    }

    /** True when every step scheduled so far has been played and its callbacks answered, refused or given up. */
    boolean idle() {
        return unfinished.get() == 0;
    }

    private List<Step> plan(Message m) {
        List<MessageStatus> statuses = new ArrayList<>();
        if (m.outcome().result() == Outcomes.Result.REJECTED) {
            statuses.add(MessageStatus.rejected());
        } else {
            if (m.outcome().pendingFirst()) {
                statuses.add(MessageStatus.waitingForApproval());
                statuses.add(MessageStatus.waitingToSend());
            }
            statuses.add(MessageStatus.sentWaitingForReport());
            statuses.add(m.finalStatus());
            if (m.outcome().outOfOrder()) {
                int last = statuses.size() - 1;
                statuses.set(last, statuses.get(last - 1));
                statuses.set(last - 1, m.finalStatus());
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            steps.add(new Step(first.toMillis() + i * step.toMillis(), statuses.get(i)));
        }
        return steps;
    }

    private void play(Message m, MessageStatus status) {
        m.advance(status);
        if (m.outcome().lost() || !m.hasCallbackUrl()) {
            unfinished.decrementAndGet();
            return;
        }
        // built once so a duplicate is byte-identical, timestamp included
        String query = CallbackQuery.build(m, status, ZonedDateTime.now());
        deliveries.submit(new DeliveryQueue.Job(m.smsId(), () -> {
            sender.deliver(m.smsId(), m.callbackUrl(), query);
            if (m.outcome().duplicate()) sender.deliver(m.smsId(), m.callbackUrl(), query);
        }, unfinished::decrementAndGet));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        deliveries.close(); // what was waiting is dropped: nothing more goes out
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
