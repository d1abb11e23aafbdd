package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.SqliteOnly;
import tracker.TestServer;

/** Storage faults on a real file under a real child process: 503 while it lasts, never 2xx for nothing stored. */
@SqliteOnly("faults of SQLite's own file: its size limit, its write lock, its permissions; PostgreSQL's outage is "
        + "DatabaseOutageTest")
class StorageFaultTest extends ChildTestBase {

    @Test
    void sends_and_callbacks_get_503_while_another_process_holds_the_write_lock_longer_than_the_busy_timeout() throws Exception {
        startChild(Map.of());
        long id = sendAccepted("HD-BUSY-1");
        String delivered = "SMSID=" + smsIdOf(id) + "&SendStatus=5&SendSuccess=1&SendFailed=0";
        int callsBefore = esmsCalls.get();

        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + child.dbFile); Statement s = lock.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("BEGIN EXCLUSIVE");
            var cb = CompletableFuture.supplyAsync(() -> callback(id, delivered));
            var send = CompletableFuture.supplyAsync(() -> child.send("HD-BUSY-2", EsmsTestBase.body("0901888485", "busy-2")));
            assertRefused503(cb.get());
            assertRefused503(send.get());
            s.execute("ROLLBACK");
        }

        assertThat(esmsCalls.get()).as("nothing stored, so eSMS was not called").isEqualTo(callsBefore);
        assertThat(child.get("/api/messages/" + id).json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(callback(id, delivered).status()).as("eSMS's repeat after the lock is gone").isEqualTo(200);
        assertThat(child.send("HD-BUSY-2", EsmsTestBase.body("0901888485", "busy-2")).status()).isEqualTo(201);
        assertThat(one(child.databaseUrl, "SELECT repeats FROM event WHERE message_id = " + id + " AND type = 'CALLBACK'"))
                .as("the refused copy was not stored").isEqualTo("1");
    }

    @Test
    void a_full_disk_gives_503_for_sends_and_callbacks_and_writes_resume_when_space_returns() throws Exception {
        startChild(Map.of());
        long id = sendAccepted("HD-FULL-1");
        String delivered = "SMSID=" + smsIdOf(id) + "&SendStatus=5&SendSuccess=1&SendFailed=0";

        // every write that grows a file now fails, as on a full disk (soft limit: raising a hard one needs CAP_SYS_RESOURCE)
        prlimit("--fsize=1:");
        try {
            assertRefused503(callback(id, delivered));
            assertRefused503(child.send("HD-FULL-2", EsmsTestBase.body("0901888485", "full-2")));
            assertThat(child.get("/api/messages/" + id).json().get("status").asText()).isEqualTo("ACCEPTED");
        } finally {
            prlimit("--fsize=unlimited:");
        }

        assertThat(callback(id, delivered).status()).isEqualTo(200);
        assertThat(child.send("HD-FULL-2", EsmsTestBase.body("0901888485", "full-2")).status()).isEqualTo(201);
        assertThat(child.get("/api/messages/" + id).json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(one(child.databaseUrl, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void a_read_only_database_file_gives_503_and_writes_resume_when_it_is_writable_again() throws Exception {
        startChild(Map.of());
        long id = sendAccepted("HD-RO-1");
        String delivered = "SMSID=" + smsIdOf(id) + "&SendStatus=5&SendSuccess=1&SendFailed=0";
        List<String> files = List.of(child.dbFile.toString(), child.dbFile + "-wal");

        chattr("+i", files); // immutable: even root cannot write, through old file handles too
        try {
            assertRefused503(callback(id, delivered));
            assertRefused503(child.send("HD-RO-2", EsmsTestBase.body("0901888485", "ro-2")));
        } finally {
            chattr("-i", files);
        }

        assertThat(callback(id, delivered).status()).isEqualTo(200);
        assertThat(child.send("HD-RO-2", EsmsTestBase.body("0901888485", "ro-2")).status()).isEqualTo(201);
        assertThat(child.get("/api/messages/" + id).json().get("status").asText()).isEqualTo("DELIVERED");
    }

    static void assertRefused503(TestServer.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).contains("nothing was stored");
    }

    private void prlimit(String limit) throws Exception { run("prlimit", "--pid", String.valueOf(child.pid()), limit); }

    private static void chattr(String flag, List<String> files) throws Exception {
        for (String f : files) run("chattr", flag, f);
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + out);
    }
}
