package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.PostgresOnly;
import tracker.SqliteOnly;
import tracker.TestDatabases;
import tracker.TestServer;

/** Leases on the engine of the run: two Leases on one database play two instances. */
class LeasesTest {
    private static final Duration SHORT = Duration.ofMillis(1500); // long enough that a busy machine does not let it lapse between two lines
    @TempDir Path dir;
    private String url;
    private Database db;
    private Leases a, b;

    @BeforeEach
    void open() {
        url = TestDatabases.fresh(dir);
        db = Database.open(url);
        a = new Leases(db);
        b = new Leases(db);
    }

    @AfterEach
    void close() {
        db.close();
        TestDatabases.drop(url);
    }

    @Test
    @PostgresOnly("on SQLite one process owns the file, so every lease is its own")
    void a_lease_is_held_by_one_instance_renewed_by_it_taken_over_after_it_expires_and_free_once_released() throws Exception {
        assertThat(a.hold("job", SHORT)).isTrue();
        assertThat(b.hold("job", SHORT)).as("held by the other").isFalse();
        assertThat(holder("job")).isEqualTo(a.holder());

        long first = until("job");
        TestServer.await("a to renew its lease", () -> a.hold("job", SHORT) && until("job") > first);
        assertThat(b.hold("job", SHORT)).as("still held: renewed").isFalse();

        // a stops renewing (as a dead instance would): b takes over once the lease time has passed
        TestServer.await("b to take the expired lease", () -> b.hold("job", SHORT));
        assertThat(holder("job")).isEqualTo(b.holder());
        assertThat(a.hold("job", SHORT)).as("a lost it").isFalse();

        b.release("job");
        assertThat(a.hold("job", SHORT)).as("released: free at once").isTrue();
        assertThat(b.hold("other", Duration.ofMinutes(5))).isTrue();

        a.close(); // shutdown releases every lease held, without waiting for its time
        assertThat(b.hold("job", Duration.ofMinutes(5))).isTrue();
        assertThat(a.hold("other", SHORT)).as("a closed instance holds nothing").isFalse();
    }

    @Test
    @SqliteOnly("one process owns a SQLite file: its leases are always held")
    void on_sqlite_every_lease_is_held_even_one_an_earlier_process_left_behind() throws Exception {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO lease (name, holder, until) VALUES ('job', 'the process before a restart', 9999999999999)");
        }
        assertThat(a.hold("job", SHORT)).isTrue();
        assertThat(b.hold("job", SHORT)).isTrue();
    }

    private String holder(String name) throws SQLException { return (String) column(name, "holder"); }

    private long until(String name) {
        try {
            return ((Number) column(name, "until")).longValue();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object column(String name, String column) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM lease WHERE name = '" + name + "'")) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }
}
