package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up skips Flyway only when the history shows exactly what this build ships; any doubt goes to Flyway. */
class ShippedMigrationsTest {
    @TempDir Path dir;

    private final ShippedMigrations shipped = ShippedMigrations.scan(getClass().getClassLoader(), Engine.SQLITE);

    private String url() { return "jdbc:sqlite:" + dir.resolve("m.sqlite"); }

    private boolean current() throws SQLException {
        try (Connection c = DriverManager.getConnection(url())) {
            return shipped.appliedExactly(c);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url())) {
            c.createStatement().execute(sql);
        }
    }

    @Test
    void checksums_computed_without_flyway_match_the_ones_flyway_recorded() throws SQLException {
        assertThat(shipped).isNotNull();
        assertThat(current()).as("no history table yet").isFalse();
        Database.open(url()).close();

        assertThat(current()).isTrue();
        try (Database db = Database.open(url())) {
            assertThat(db.migrations().ok()).isTrue();
            assertThat(db.migrations().missing()).isEmpty();
        }
    }

    @Test
    void a_changed_migration_is_not_taken_for_current_and_flyway_still_refuses_to_start() throws SQLException {
        Database.open(url()).close();
        exec("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertThat(current()).isFalse();
        assertThatThrownBy(() -> Database.open(url())).isInstanceOf(FlywayException.class).hasMessageContaining("checksum");
    }

    @Test
    void a_failed_or_unknown_row_in_the_history_is_left_to_flyway() throws SQLException {
        Database.open(url()).close();
        exec("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                + " execution_time, success) VALUES (99, '99', 'from a newer build', 'SQL', 'V99__x.sql', 1, 'x', 1, 1)");
        assertThat(current()).as("a newer build's migration").isFalse();

        exec("DELETE FROM flyway_schema_history WHERE version = '99'");
        assertThat(current()).isTrue();
        exec("UPDATE flyway_schema_history SET success = 0 WHERE version = '8'");
        assertThat(current()).as("a failed migration").isFalse();
    }

    @Test
    void each_engine_ships_every_version_once_common_ones_shared_and_the_differing_ones_its_own() {
        ShippedMigrations pg = ShippedMigrations.scan(getClass().getClassLoader(), Engine.POSTGRESQL);
        assertThat(pg).isNotNull();
        assertThat(pg.versions()).containsExactlyElementsOf(shipped.versions()).doesNotHaveDuplicates();
        assertThat(shipped.versions()).contains("1", "10", "11");
    }
}
