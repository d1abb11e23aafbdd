package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import tracker.PostgresOnly;
import tracker.TestDatabases;
import tracker.TestServer;

/** Two instances' notices on one database: batched, under the payload limit, never heard by their sender, resumed. */
@PostgresOnly("NOTIFY and LISTEN: on SQLite one process has nobody to tell")
class NoticesTest {
    @TempDir Path dir;
    private String url;
    private Database db;
    private Notices a, b;
    /** What B's subscriber heard: each call's items (null: everything). */
    private final List<Set<String>> heardByB = new CopyOnWriteArrayList<>();
    private final Set<String> itemsHeardByB = ConcurrentHashMap.newKeySet();
    private final List<Set<String>> heardByA = new CopyOnWriteArrayList<>();
    private int pings;

    @BeforeEach void open() {
        url = TestDatabases.fresh(dir);
        db = Database.open(url);
        a = Notices.open(db);
        b = Notices.open(db);
        a.subscribe("journey", heardByA::add);
        b.subscribe("journey", items -> {
            heardByB.add(items == null ? null : Set.copyOf(items));
            if (items != null) itemsHeardByB.addAll(items);
        });
        bHearsA();
    }

    @AfterEach void close() {
        a.close();
        b.close();
        db.close();
        TestDatabases.drop(url);
    }

    /** A publishes until B hears it: both are listening from then on. */
    private void bHearsA() {
        String ping = "ping" + ++pings;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!itemsHeardByB.contains(ping)) {
            assertThat(System.nanoTime()).as("B never heard A").isLessThan(deadline);
            a.publish("journey", ping);
            try {
                TestServer.await("B to hear " + ping, Duration.ofMillis(500), () -> itemsHeardByB.contains(ping));
            } catch (AssertionError notYet) { /* B was not listening yet: again */ }
        }
    }

    @Test
    void a_storm_of_changes_goes_out_as_a_few_notices_each_under_the_payload_limit_and_the_sender_hears_none() throws Exception {
        try (Connection spy = TestDatabases.connect(url); Statement s = spy.createStatement()) {
            s.execute("LISTEN " + Notices.CHANNEL);
            for (int i = 0; i < 1_500; i++) a.publish("journey", "HD" + (100_000 + i));
            a.publish("journey", "last");
            TestServer.await("B to hear the last", () -> itemsHeardByB.contains("last"));

            assertThat(itemsHeardByB).as("every id").contains("HD100000", "HD100749", "HD101499");
            List<String> payloads = new java.util.ArrayList<>();
            PGNotification[] got;
            while ((got = spy.unwrap(PGConnection.class).getNotifications(200)) != null && got.length > 0) {
                for (PGNotification n : got) payloads.add(n.getParameter());
            }
            assertThat(payloads).as("a few notices, not one per change").isNotEmpty().hasSizeLessThanOrEqualTo(10);
            for (String p : payloads) assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        }
        assertThat(heardByA).as("A never hears itself").isEmpty();
    }

    @Test
    void more_changes_than_a_window_holds_tell_the_others_to_reload_everything() {
        for (int i = 0; i <= Notices.MAX_ITEMS; i++) a.publish("journey", "HD" + i);

        TestServer.await("B told to reload everything", () -> heardByB.contains(null));
    }

    @Test
    void after_its_connection_drops_an_instance_listens_again_and_reloads_what_it_may_have_missed() throws Exception {
        heardByB.clear();
        try (Connection admin = TestDatabases.connect(url); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'tracker-notices' AND datname = current_database()");
        }

        TestServer.await("B told to reload everything once back", () -> heardByB.contains(null));
        bHearsA();
    }
}
