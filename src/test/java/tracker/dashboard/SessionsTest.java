package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.MutableClock;
import tracker.TestDatabases;
import tracker.db.Database;

/** Sign-ins live in the database (so every instance knows them), as a digest, for 12 hours, under a cap. */
class SessionsTest {
    @TempDir Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private String url;
    private Database db;
    private Sessions sessions;

    @BeforeEach void open() {
        url = TestDatabases.fresh(dir);
        db = Database.open(url);
        sessions = new Sessions(db.writer(), db.reads(), clock);
    }

    @AfterEach void close() {
        db.close();
        TestDatabases.drop(url);
    }

    private List<String> digests() {
        return db.reads().withHandle(h -> h.createQuery("SELECT id_digest FROM dashboard_session ORDER BY expires_at")
                .mapTo(String.class).list());
    }

    @Test
    void only_a_digest_of_the_id_is_stored_and_a_sign_out_removes_its_row() {
        String id = sessions.create();

        assertThat(digests()).containsExactly(Sessions.key(id)).doesNotContain(id);
        assertThat(sessions.valid(id)).isTrue();
        assertThat(new Sessions(db.writer(), db.reads(), clock).valid(id)).as("another instance knows it").isTrue();

        sessions.remove(id);
        assertThat(digests()).isEmpty();
        assertThat(sessions.valid(id)).isFalse();
    }

    @Test
    void an_expired_session_is_refused_and_its_row_goes_at_the_next_sign_in() {
        String old = sessions.create();
        clock.advance(Sessions.TTL.plusSeconds(1));
        assertThat(sessions.valid(old)).isFalse();

        String fresh = sessions.create();

        assertThat(digests()).containsExactly(Sessions.key(fresh));
    }

    @Test
    void at_the_cap_the_oldest_session_makes_room_for_a_new_one() {
        long now = clock.millis();
        db.writer().write(tx -> {
            var batch = tx.handle().prepareBatch("INSERT INTO dashboard_session (id_digest, expires_at) VALUES (?, ?)");
            for (int i = 0; i < Sessions.MAX; i++) batch.add("digest-" + i, now + Duration.ofMinutes(1).toMillis() + i);
            return batch.execute();
        });

        String id = sessions.create();

        assertThat(digests()).hasSize(Sessions.MAX).contains(Sessions.key(id)).doesNotContain("digest-0");
        assertThat(digests()).contains("digest-1");
    }
}
