package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.ledger.Refused;

class WriterFailureTest {
    @TempDir Path dir;

    @Test
    void a_task_that_refuses_is_rolled_back_alone_and_its_batch_mates_commit() {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("w.sqlite"))) {
            var outcomes = new ConcurrentHashMap<Integer, String>();
            IntStream.range(0, 200).parallel().forEach(i -> {
                try {
                    db.writer().write(tx -> {
                        tx.handle().execute("INSERT INTO setting (name, value) VALUES (?, 'x')", "k" + i);
                        if (i % 2 == 1) throw Refused.conflict("odd " + i, null);
                        return null;
                    });
                    outcomes.put(i, "stored");
                } catch (Refused e) {
                    outcomes.put(i, "refused");
                }
            });
            int stored = db.reads().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM setting WHERE name LIKE 'k%'")
                    .mapTo(Integer.class).one());
            assertThat(outcomes).hasSize(200);
            assertThat(outcomes.values()).filteredOn("refused"::equals).hasSize(100);
            assertThat(stored).isEqualTo(100);
        }
    }
}
