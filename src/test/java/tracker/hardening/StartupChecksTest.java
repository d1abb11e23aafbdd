package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.App;
import tracker.Config;

/** The service refuses to start on a database that cannot give it WAL and synchronous=FULL. */
class StartupChecksTest {

    @Test
    void start_up_refuses_a_database_that_cannot_run_in_wal_mode() {
        Config config = Config.fromEnv(Map.of("DATABASE_URL", "jdbc:sqlite::memory:", "ESMS_SIMULATOR", "off",
                "ESMS_API_KEY", "k", "ESMS_SECRET_KEY", "s", "ESMS_OAID", "1"));
        assertThatThrownBy(() -> App.create(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WAL").hasMessageContaining("synchronous");
    }
}
