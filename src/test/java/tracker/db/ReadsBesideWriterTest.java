package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadsBesideWriterTest {
    @TempDir Path dir;

    @Test
    void a_read_transaction_sees_the_last_commit_while_the_writer_holds_an_open_transaction() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("r.sqlite"))) {
            db.writer().write(tx -> tx.handle().execute("INSERT INTO setting (name, value) VALUES ('committed', 'x')"));
            CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
            CompletableFuture<Object> open = db.writer().submit(tx -> {
                tx.handle().execute("INSERT INTO setting (name, value) VALUES ('uncommitted', 'x')");
                inside.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).as("the writer is inside its transaction").isTrue();
            try {
                // a transaction that began with the write lock (BEGIN IMMEDIATE) would wait out the busy timeout here
                int seen = db.reads().inTransaction(h -> h.createQuery("SELECT COUNT(*) FROM setting WHERE name IN "
                        + "('committed', 'uncommitted')").mapTo(Integer.class).one());
                assertThat(seen).as("the committed row only").isEqualTo(1);
            } finally {
                release.countDown();
            }
            assertThat(open.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        }
    }
}
