package tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void no_environment_gives_the_documented_defaults_with_the_simulator_on() {
        Config c = Config.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:db/journeys.sqlite");
        assertThat(c.esmsBaseUrl()).isEqualTo("https://rest.esms.vn");
        assertThat(c.esmsStatusBaseUrl()).isEqualTo("https://status-sms.esms.vn");
        assertThat(c.reconcileAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.retentionDays()).isEqualTo(180);
        assertThat(c.simulatorOn()).isTrue();
    }

    @Test
    void real_keys_switch_the_simulator_off_in_auto_mode() {
        assertThat(Config.fromEnv(Map.of("ESMS_API_KEY", "k", "ESMS_SECRET_KEY", "s")).simulatorOn()).isFalse();
        assertThat(Config.fromEnv(Map.of("ESMS_API_KEY", "k", "ESMS_SECRET_KEY", "s", "ESMS_SIMULATOR", "on")).simulatorOn()).isTrue();
    }

    @Test
    void each_invalid_variable_is_named_in_one_clear_message() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PORT", "http"))).hasMessageStartingWith("PORT must be");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PUBLIC_URL", "ftp://x"))).hasMessageStartingWith("PUBLIC_URL must be");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://x"))).hasMessageStartingWith("DATABASE_URL");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ESMS_API_KEY", "k"))).hasMessageContaining("ESMS_SECRET_KEY");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ESMS_SIMULATOR", "maybe"))).hasMessageStartingWith("ESMS_SIMULATOR");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ESMS_SIMULATOR", "off"))).hasMessageContaining("ESMS_API_KEY");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("API_TOKEN", "short"))).hasMessageStartingWith("API_TOKEN is too short");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("RECONCILE_AFTER", "10 minutes"))).hasMessageStartingWith("RECONCILE_AFTER");
    }

    @Test
    void to_string_never_shows_a_secret() {
        Config c = Config.fromEnv(Map.of("ESMS_API_KEY", "key-1234567890", "ESMS_SECRET_KEY", "sec-1234567890",
                "API_TOKEN", "token-1234567890abcdef", "CALLBACK_SECRET", "cbsecret-1234567890"));
        assertThat(c.toString()).doesNotContain("key-1234567890", "sec-1234567890", "token-1234567890abcdef", "cbsecret-1234567890");
    }
}
