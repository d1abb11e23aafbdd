package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** A simulator left running keeps bounded memory and threads, however many sends and however slow the receiver. */
class SimulatorBoundsTest extends SimulatorTestBase {

    private static long callbackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("esms-sim-callback")).count();
    }

    @Test
    void a_receiver_that_never_answers_ties_up_a_fixed_number_of_callback_threads() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override public MockResponse dispatch(RecordedRequest r) {
                return new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build();
            }
        });
        for (int i = 0; i < 20; i++) send(sim, sendBody("09012301" + String.format("%02d", i), receiver.url("/cb/t").toString()));

        // every delivery thread is busy (hung on a first try) and more deliveries are waiting for one
        await(() -> receiver.getRequestCount() >= CallbackScheduler.DELIVERY_THREADS, Duration.ofSeconds(10));

        assertThat(callbackThreads()).isLessThanOrEqualTo(CallbackScheduler.DELIVERY_THREADS);
    }

    @Test
    void the_store_keeps_only_the_newest_messages_request_ids_and_received_sends() {
        MessageStore store = new MessageStore(3, 3, 2);
        for (int i = 1; i <= 4; i++) {
            store.put(message("SMS" + i));
            assertThat(store.claimRequestId("rq" + i)).isTrue();
            store.recordReceived(Map.of("Phone", "p" + i));
        }

        assertThat(store.get("SMS1")).isEmpty();
        assertThat(store.get("SMS4")).isPresent();
        assertThat(store.messages()).isEqualTo(3);
        assertThat(store.claimRequestId("rq4")).as("still remembered").isFalse();
        assertThat(store.claimRequestId("rq1")).as("forgotten early, as if its 24 h had passed").isTrue();
        assertThat(store.received()).extracting(m -> m.get("Phone")).containsExactly("p3", "p4");
    }

    @Test
    void a_full_backlog_drops_the_oldest_waiting_delivery_and_settles_it() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>(), settled = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1), started = new CountDownLatch(1);
        try (DeliveryQueue q = new DeliveryQueue(1, 2, "test-delivery")) {
            q.submit(new DeliveryQueue.Job("A", () -> {
                started.countDown();
                awaitQuietly(release);
                ran.add("A");
            }, () -> settled.add("A")));
            started.await();
            for (String k : List.of("B", "C", "D")) q.submit(new DeliveryQueue.Job(k, () -> ran.add(k), () -> settled.add(k)));

            assertThat(settled).containsExactly("B"); // dropped at once: the oldest of three waiting for two places
            release.countDown();
            await(() -> settled.size() == 4, Duration.ofSeconds(5));
            assertThat(ran).containsExactly("A", "C", "D");
        }
    }

    @Test
    void one_messages_callbacks_go_out_in_order_while_other_messages_proceed() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1), started = new CountDownLatch(1);
        AtomicReference<String> overlap = new AtomicReference<>();
        try (DeliveryQueue q = new DeliveryQueue(4, 100, "test-delivery")) {
            q.submit(new DeliveryQueue.Job("M1", () -> {
                started.countDown();
                awaitQuietly(release);
                ran.add("M1-7");
            }, () -> { }));
            started.await();
            q.submit(new DeliveryQueue.Job("M1", () -> {
                if (!ran.contains("M1-7")) overlap.set("M1's second callback started before its first ended");
                ran.add("M1-5");
            }, () -> { }));
            q.submit(new DeliveryQueue.Job("M2", () -> ran.add("M2-5"), () -> { }));

            await(() -> ran.contains("M2-5"), Duration.ofSeconds(5)); // not held up by M1
            release.countDown();
            await(() -> ran.size() == 3, Duration.ofSeconds(5));
            assertThat(ran).containsExactly("M2-5", "M1-7", "M1-5");
            assertThat(overlap.get()).isNull();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Message message(String smsId) {
        return new Message(smsId, "0901230100", "oa", "540679", "", "http://127.0.0.1:1/cb", "", "1",
                ErrorInfoEncoding.forIndex(0), Outcomes.Outcome.plain(Outcomes.Result.DELIVERED),
                new AtomicReference<>(MessageStatus.accepted()));
    }
}
