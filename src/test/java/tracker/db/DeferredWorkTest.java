package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.ledger.Refused;

class DeferredWorkTest {
    @TempDir Path dir;

    /** Records that it ran. */
    record Note(List<String> ran, String what) implements WriteTx.Deferred {
        @Override public void run(WriteTx tx) { ran.add(what); }
    }

    @Test
    void shared_deferred_work_runs_once_per_batch_and_work_only_a_failed_task_deferred_does_not_run() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("d.sqlite"))) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
            CompletableFuture<Boolean> blocker = db.writer().submit(tx -> {
                started.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // queued while the writer is busy: the next batch takes all three
            var a = db.writer().submit(tx -> tx.deferred("shared", Note.class, () -> new Note(ran, "shared")));
            var b = db.writer().submit(tx -> {
                tx.deferred("shared", Note.class, () -> new Note(ran, "shared"));
                tx.deferred("only-b", Note.class, () -> new Note(ran, "only-b"));
                throw Refused.conflict("b fails after deferring", null);
            });
            var c = db.writer().submit(tx -> tx.deferred("shared", Note.class, () -> new Note(ran, "shared")));
            release.countDown();

            assertThat(blocker.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(a.get(10, TimeUnit.SECONDS)).isSameAs(c.get(10, TimeUnit.SECONDS));
            assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(Refused.class);
            assertThat(ran).containsExactly("shared");
        }
    }
}
