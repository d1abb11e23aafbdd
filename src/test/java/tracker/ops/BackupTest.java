package tracker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.EsmsTestBase;
import tracker.SqliteOnly;
import tracker.FakeEsms;
import tracker.TestServer;

@SqliteOnly("backup copies the SQLite file; on PostgreSQL the operator's own pg_dump or base backups are the backup")
class BackupTest extends EsmsTestBase {
    @TempDir Path elsewhere;

    @BeforeEach
    void playEsms() { esms.setDispatcher(new FakeEsms()); }

    @Test
    void a_backup_taken_under_load_opens_and_holds_every_journey_committed_before_it() throws Exception {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger n = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (!stop.get()) {
                    String order = "HD7" + n.incrementAndGet();
                    if (server.send(order, body("0901888484", null)).status() == 201) committed.add(order);
                }
            });
        }
        TestServer.await("some journeys", () -> committed.size() >= 40);
        Set<String> before = Set.copyOf(committed);

        Path file = elsewhere.resolve("backups/journeys-copy.sqlite");
        Backup.Result r = Backup.run("jdbc:sqlite:" + server.dbFile, file);
        int afterBackup = committed.size();
        TestServer.await("load to go on after the backup", () -> committed.size() > afterBackup);
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(r.journeys()).isGreaterThanOrEqualTo(before.size());
        assertThat(Files.exists(file)).isTrue();
        // restore: the copy becomes the database of a fresh service, which serves every journey committed before it
        Path restored = elsewhere.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(file, restored.resolve("journeys.sqlite"));
        try (TestServer again = new TestServer(restored, esms.url("/").toString().replaceAll("/$", ""), Map.of())) {
            for (String order : before) assertThat(again.get("/api/journeys/" + order).status()).as(order).isEqualTo(200);
            assertThat(again.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void a_backup_never_overwrites_an_existing_file() throws Exception {
        Path file = elsewhere.resolve("exists.sqlite");
        Files.writeString(file, "keep me");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backup.run("jdbc:sqlite:" + server.dbFile, file))
                .hasMessageContaining("already exists");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }
}
