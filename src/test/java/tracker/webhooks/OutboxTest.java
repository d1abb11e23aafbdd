package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.db.Database;
import tracker.db.Leases;
import tracker.db.Notices;
import tracker.ledger.MessageRow;
import tracker.ledger.NewMessage;
import tracker.ledger.Recorder;
import tracker.ledger.Refused;
import tracker.ledger.Report;
import tracker.ledger.Status;

/** The outbox shares the change's transaction: a change rolled back leaves no event, and nobody wanting a type stores none. */
class OutboxTest {
    @TempDir Path dir;
    private Database db;
    private Webhooks webhooks;
    private Recorder recorder;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("outbox.sqlite"));
        webhooks = new Webhooks(db.writer(), db.reads(), Clock.systemUTC(), new ObjectMapper(), true, Duration.ofSeconds(1), List.of(),
                Notices.local(), new Leases(db));
        recorder = new Recorder(db.writer(), orderId -> { }, webhooks.outbox(), List.of()); // the senders are not started
    }

    @AfterEach
    void close() { db.close(); }

    private long stored(String requestId) {
        MessageRow row = new MessageRow(0, "HD1", "0901888484", "84901888484", "540679", "oa", null, "[]", requestId,
                "hash-" + requestId, false, false, null, "QUEUED", null, null, null, null, 1, null, 1000, 1000, null, null, null, null, null, null, null);
        Report submitted = new Report(1000, "SUBMITTED", "api", Status.QUEUED, null, null, null, null, null, "{}", null);
        return recorder.open(new NewMessage(row, null, submitted)).message().id();
    }

    private static Report sent(String key) { return new Report(2000, "CALLBACK", "callback", Status.SENT, null, null, null, null, null, "{}", key); }

    private int outbox() {
        return db.reads().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_delivery").mapTo(Integer.class).one());
    }

    @Test
    void a_change_rolled_back_with_its_transaction_leaves_no_event_and_a_committed_one_leaves_exactly_one() {
        webhooks.create("http://127.0.0.1:9/hook", List.of(Endpoints.STATUS_CHANGED));
        long id = stored("r1");
        // the first entry applies (and writes its event), the second refuses: the whole write rolls back
        assertThatThrownBy(() -> recorder.recordAll("poll", tx -> List.of(new Recorder.Entry(id, sent("k1")),
                new Recorder.Entry(999, sent("k2"))))).isInstanceOf(Refused.class);
        assertThat(outbox()).isZero();

        recorder.record("callback", id, sent("k1"));
        assertThat(outbox()).isEqualTo(1);
    }

    @Test
    void a_change_no_endpoint_wants_stores_no_event() {
        long id = stored("r2");
        recorder.record("callback", id, sent("k1"));
        webhooks.create("http://127.0.0.1:9/hook", List.of(Endpoints.ACCOUNT_ALERT));
        recorder.record("callback", id, new Report(3000, "CALLBACK", "callback", Status.DELIVERED, null, null, null, null, null, "{}", "k2"));
        assertThat(outbox()).isZero();
    }
}
