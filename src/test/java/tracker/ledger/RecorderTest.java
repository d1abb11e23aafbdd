package tracker.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.db.Database;

/** The Recorder on a real SQLite file: what it stores, counts and announces, and what it leaves alone. */
class RecorderTest {
    @TempDir Path dir;
    private Database db;
    private final List<String> announced = new ArrayList<>();
    private final List<String> counted = new ArrayList<>();
    private Recorder recorder;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("ledger.sqlite"));
        recorder = new Recorder(db.writer(), announced::add, (via, a) -> counted.add(via + ":" + a.before() + "->" + a.message().status()));
    }

    @AfterEach
    void close() { db.close(); }

    private MessageRow stored(String requestId) {
        MessageRow row = new MessageRow(0, "HD1", "0901888484", "84901888484", "540679", "oa", null, "[]", requestId,
                "hash-" + requestId, false, false, null, "QUEUED", null, null, null, null, 1, null, 1000, 1000, null, null, null, null, null, null, null);
        Report submitted = new Report(1000, "SUBMITTED", "api", Status.QUEUED, null, null, null, null, null, "{}", null);
        return recorder.open(new NewMessage(row, null, submitted)).message();
    }

    private List<EventRow> events(long id) {
        return db.reads().inTransaction(h -> MessageReads.stored(h.getConnection(), id)).orElseThrow().events();
    }

    private static Report callback(long at, Status status, String key) {
        return new Report(at, "CALLBACK", "callback", status, "S1", null, null, null, null, "{}", key);
    }

    @Test
    void a_new_message_is_announced_once_and_a_replay_of_its_request_id_is_not() {
        MessageRow m = stored("r1");
        Opened again = recorder.open(new NewMessage(m, null,
                new Report(2000, "SUBMITTED", "api", Status.QUEUED, null, null, null, null, null, "{}", null)));

        assertThat(again.existed()).isTrue();
        assertThat(again.message().id()).isEqualTo(m.id());
        assertThat(announced).containsExactly("HD1");
    }

    @Test
    void a_recorded_event_is_committed_counted_with_its_feature_and_announced() {
        long id = stored("r2").id();
        Applied a = recorder.record("callback", id, callback(2000, Status.SENT, "k1"));

        assertThat(a.changed()).isTrue();
        assertThat(counted).containsExactly("callback:QUEUED->SENT");
        assertThat(announced).containsExactly("HD1", "HD1");
        assertThat(db.reads().withExtension(LedgerDao.class, d -> d.message(id)).orElseThrow().status()).isEqualTo("SENT");
    }

    @Test
    void an_identical_repeat_is_announced_but_stored_once_and_changes_nothing() {
        long id = stored("r3").id();
        recorder.record("callback", id, callback(2000, Status.DELIVERED, "same"));
        Applied repeat = recorder.record("callback", id, callback(3000, Status.DELIVERED, "same"));

        assertThat(repeat.repeats()).isEqualTo(2);
        assertThat(repeat.changed()).isFalse();
        assertThat(events(id)).hasSize(2); // SUBMITTED + one
        assertThat(announced).hasSize(3);
    }

    @Test
    void a_step_that_records_nothing_neither_counts_nor_announces() {
        long id = stored("r4").id();
        Applied a = recorder.record("api", id, (tx, m) -> null);

        assertThat(a.recorded()).isFalse();
        assertThat(counted).isEmpty();
        assertThat(announced).containsExactly("HD1");
    }

    @Test
    void a_refused_step_stores_nothing_and_announces_nothing() {
        long id = stored("r5").id();
        assertThatThrownBy(() -> recorder.record("api", id, (tx, m) -> { throw Refused.conflict("no", "status"); }))
                .isInstanceOf(Refused.class);

        assertThat(events(id)).hasSize(1);
        assertThat(announced).containsExactly("HD1");
        assertThat(counted).isEmpty();
    }

    @Test
    void an_unknown_message_is_refused_as_unknown() {
        assertThatThrownBy(() -> recorder.record("callback", 999, callback(2000, Status.SENT, "k")))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.why()).isEqualTo(Refused.Why.UNKNOWN));
    }
}
