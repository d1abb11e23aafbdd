package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

class LiveBusTest {
    private final LiveBus bus = new LiveBus(3600);
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        bus.close();
    }

    /** A sink that records what it is told. */
    private static class Recorder implements LiveBus.Sink {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override public void journey(String orderId) throws Exception { got.add(orderId); }

        @Override public void reset() { got.add("*reset*"); }

        @Override public void ping() { got.add("*ping*"); }

        @Override public void close() { got.add("*closed*"); }
    }

    /** A browser that stopped reading: every write hangs. */
    private LiveBus.Sink stuck() {
        return new Recorder() {
            @Override public void journey(String orderId) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** A browser that is slow: each write waits until {@code release} opens. */
    private static Recorder heldUntil(CountDownLatch release) { return heldUntil(release, new CountDownLatch(1)); }

    /** As above; {@code writing} opens once the first write has started. */
    private static Recorder heldUntil(CountDownLatch release, CountDownLatch writing) {
        return new Recorder() {
            @Override public void journey(String orderId) throws Exception {
                writing.countDown();
                release.await();
                super.journey(orderId);
            }
        };
    }

    @Test
    void a_stuck_browser_neither_blocks_the_publisher_nor_delays_the_others() {
        bus.subscribe("browser-1", stuck());
        Recorder healthy = new Recorder();
        bus.subscribe("browser-2", healthy);

        // a guard against a hang, not a speed check: publish must return although one sink never does
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 5_000; i++) bus.changed("HD" + (i % 50));
        });

        TestServer.await("the healthy browser hears about every order", () -> healthy.got.containsAll(List.of("HD0", "HD49")));
    }

    @Test
    void a_browser_whose_stream_failed_is_dropped_and_its_stream_ended() {
        Recorder failing = new Recorder() {
            @Override public void journey(String orderId) throws Exception { throw new java.io.IOException("closed"); }
        };
        bus.subscribe("browser-3", failing);
        assertThat(bus.subscribers()).isEqualTo(1);
        bus.changed("HD1");
        TestServer.await("the dead browser is dropped", () -> bus.subscribers() == 0);
        // ended, so the browser reconnects and catches up, and a graceful stop never waits on it
        TestServer.await("its stream is ended", () -> failing.got.contains("*closed*"));
    }

    @Test
    void a_browser_far_behind_is_told_to_reload_everything_instead_of_queueing_without_end() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        Recorder slow = heldUntil(release, writing);
        bus.subscribe("browser-4", slow);
        bus.changed("first");
        writing.await(); // the sender now hangs on this one
        for (int i = 0; i < LiveBus.MAX_PENDING * 3; i++) bus.changed("HD" + i);
        release.countDown();

        TestServer.await("the reset arrives", () -> slow.got.contains("*reset*"));
        assertThat(slow.got).containsExactly("first", "*reset*");
    }

    @Test
    void the_same_order_changing_many_times_while_queued_is_sent_once() {
        CountDownLatch release = new CountDownLatch(1);
        Recorder r = heldUntil(release);
        bus.subscribe("browser-5", r);
        bus.changed("A");
        for (int i = 0; i < 100; i++) bus.changed("B");
        release.countDown();
        TestServer.await("both orders arrive", () -> r.got.contains("B"));
        assertThat(r.got.stream().filter("B"::equals).count()).isEqualTo(1);
    }

    @Test
    void closing_the_bus_ends_every_stream_so_a_graceful_stop_need_not_wait_for_them() {
        Recorder r = new Recorder();
        bus.subscribe("browser-6", r);
        bus.close();
        assertThat(r.got).containsExactly("*closed*");
        assertThat(bus.subscribers()).isZero();
    }

    @Test
    void a_stream_that_opens_while_the_bus_closes_is_ended_too_so_a_graceful_stop_need_not_wait_for_it() {
        LiveBus.Place place = bus.take("session:a"); // taken before the stream's headers went out
        bus.close();
        Recorder late = new Recorder();
        place.subscribe(late);
        assertThat(late.got).containsExactly("*closed*");
        assertThat(bus.subscribers()).isZero();
    }

    @Test
    void subscribers_beyond_the_limit_are_refused() {
        for (int i = 0; i < LiveBus.MAX_SUBSCRIBERS; i++) assertThat(bus.subscribe("browser-" + i, new Recorder())).isNotNull();
        assertThat(bus.full("someone-new")).isEqualTo(LiveBus.Full.ALL);
        assertThat(bus.subscribe("someone-new", new Recorder())).isNull();
    }

    @Test
    void one_client_gets_at_most_four_streams_while_others_still_get_theirs() {
        for (int i = 0; i < LiveBus.MAX_PER_CLIENT; i++) assertThat(bus.subscribe("session:a", new Recorder())).isNotNull();

        assertThat(bus.full("session:a")).isEqualTo(LiveBus.Full.CLIENT);
        assertThat(bus.subscribe("session:a", new Recorder())).isNull();
        assertThat(bus.full("session:b")).isNull();
        assertThat(bus.subscribe("session:b", new Recorder())).isNotNull();
        assertThat(bus.subscribers()).isEqualTo(LiveBus.MAX_PER_CLIENT + 1);
    }

    @Test
    void a_stream_that_ends_frees_its_clients_place_once_even_if_ended_twice() {
        Runnable first = bus.subscribe("session:a", new Recorder());
        for (int i = 1; i < LiveBus.MAX_PER_CLIENT; i++) bus.subscribe("session:a", new Recorder());
        first.run();
        first.run();

        assertThat(bus.subscribe("session:a", new Recorder())).isNotNull();
        assertThat(bus.subscribe("session:a", new Recorder())).isNull();
    }
}
