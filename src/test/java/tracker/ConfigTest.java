package tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    /** Real keys, so the simulator is off. */
    private static Map<String, String> real(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("ESMS_API_KEY", "k", "ESMS_SECRET_KEY", "s"));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    private static final String TOKEN = "token-1234567890abcdef";

    @Test
    void no_environment_gives_the_documented_defaults_with_the_simulator_on() {
        Config c = Config.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:db/journeys.sqlite");
        assertThat(c.esmsBaseUrl()).isEqualTo("https://rest.esms.vn");
        assertThat(c.esmsStatusBaseUrl()).isEqualTo("https://status-sms.esms.vn");
        assertThat(c.reconcileAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.retentionDays()).isEqualTo(180);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.apiToken()).as("the quickstart needs no configuration").isNull();
        assertThat(c.simulatorOn()).isTrue();
        assertThat(c.webhookAllowPrivate()).isFalse();
        assertThat(c.webhookRetryDelays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    }

    @Test
    void webhook_settings_are_read_and_checked() {
        Config c = Config.fromEnv(Map.of("WEBHOOK_ALLOW_PRIVATE", "true", "WEBHOOK_RETRY_DELAYS", "PT0S, PT2S"));
        assertThat(c.webhookAllowPrivate()).isTrue();
        assertThat(c.webhookRetryDelays()).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
        assertThatThrownBy(() -> Config.fromEnv(Map.of("WEBHOOK_ALLOW_PRIVATE", "yes"))).hasMessageStartingWith("WEBHOOK_ALLOW_PRIVATE must be true or false");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("WEBHOOK_RETRY_DELAYS", "5s"))).hasMessageStartingWith("WEBHOOK_RETRY_DELAYS must be");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("WEBHOOK_RETRY_DELAYS", "P2D"))).hasMessageStartingWith("WEBHOOK_RETRY_DELAYS must be");
    }

    @Test
    void real_keys_switch_the_simulator_off_in_auto_mode() {
        assertThat(Config.fromEnv(real("API_TOKEN", TOKEN)).simulatorOn()).isFalse();
        assertThat(Config.fromEnv(Map.of("ESMS_API_KEY", "k", "ESMS_SECRET_KEY", "s", "ESMS_SIMULATOR", "on")).simulatorOn()).isTrue();
    }

    @Test
    void each_invalid_variable_is_named_in_one_clear_message() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PORT", "http"))).hasMessageStartingWith("PORT must be");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("PUBLIC_URL", "ftp://x"))).hasMessageStartingWith("PUBLIC_URL must be");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("DATABASE_URL", "jdbc:mysql://x"))).hasMessageStartingWith("DATABASE_URL");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("DATABASE_URL", "jdbc:oracle:thin:@x?password=hunter2hunter2")))
                .hasMessageStartingWith("DATABASE_URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ESMS_API_KEY", "k"))).hasMessageContaining("ESMS_SECRET_KEY");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ESMS_SIMULATOR", "maybe"))).hasMessageStartingWith("ESMS_SIMULATOR");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("ESMS_SIMULATOR", "off"))).hasMessageContaining("ESMS_API_KEY");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("API_TOKEN", "short"))).hasMessageStartingWith("API_TOKEN is too short");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("RECONCILE_AFTER", "10 minutes"))).hasMessageStartingWith("RECONCILE_AFTER");
    }

    @Test
    void with_the_simulator_off_the_service_needs_an_api_token_unless_it_listens_on_this_machine_only() {
        assertThatThrownBy(() -> Config.fromEnv(real())).isInstanceOf(Config.Invalid.class)
                .hasMessageStartingWith("API_TOKEN is required when the simulator is off").hasMessageContaining("HOST=127.0.0.1")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Config.fromEnv(real("HOST", "0.0.0.0"))).hasMessageStartingWith("API_TOKEN is required");
        assertThat(Config.fromEnv(real("API_TOKEN", TOKEN)).apiToken()).isEqualTo(TOKEN);
        assertThat(Config.fromEnv(real("HOST", "127.0.0.1")).host()).isEqualTo("127.0.0.1");
        assertThat(Config.fromEnv(real("HOST", "::1")).apiToken()).isNull();
        assertThat(Config.fromEnv(Map.of("ESMS_SIMULATOR", "on")).apiToken()).as("the simulator needs no token").isNull();
    }

    @Test
    void with_the_simulator_off_esms_must_be_reached_over_https_except_on_this_machine() {
        assertThatThrownBy(() -> Config.fromEnv(real("API_TOKEN", TOKEN, "ESMS_BASE_URL", "http://rest.esms.vn")))
                .hasMessageStartingWith("ESMS_BASE_URL must be an https:// URL when the simulator is off");
        assertThatThrownBy(() -> Config.fromEnv(real("API_TOKEN", TOKEN, "ESMS_STATUS_BASE_URL", "http://10.0.0.8:8080")))
                .hasMessageStartingWith("ESMS_STATUS_BASE_URL must be an https:// URL");
        assertThatThrownBy(() -> Config.fromEnv(real("API_TOKEN", TOKEN, "ESMS_BASE_URL", "http://localhost.evil.example")))
                .hasMessageStartingWith("ESMS_BASE_URL must be an https:// URL");
        for (String local : List.of("http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080")) {
            assertThat(Config.fromEnv(real("API_TOKEN", TOKEN, "ESMS_BASE_URL", local, "ESMS_STATUS_BASE_URL", local))
                    .esmsBaseUrl()).isEqualTo(local);
        }
        assertThat(Config.fromEnv(Map.of("ESMS_SIMULATOR", "on", "ESMS_BASE_URL", "http://rest.esms.vn")).simulatorOn())
                .as("the simulator never calls eSMS").isTrue();
    }

    @Test
    void host_and_trusted_proxies_must_be_ip_addresses() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("HOST", "example.com"))).hasMessageStartingWith("HOST must be an IP address");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("HOST", "127.0.0.1:80"))).hasMessageStartingWith("HOST must be");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("TRUSTED_PROXIES", "10.0.0.1,proxy.local")))
                .hasMessageStartingWith("TRUSTED_PROXIES must be IP addresses").hasMessageContaining("proxy.local");
        assertThat(Config.fromEnv(Map.of("TRUSTED_PROXIES", " 127.0.0.1, ::1 ")).trustedProxies())
                .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void to_string_never_shows_a_secret() {
        Config c = Config.fromEnv(Map.of("ESMS_API_KEY", "key-1234567890", "ESMS_SECRET_KEY", "sec-1234567890",
                "API_TOKEN", "token-1234567890abcdef", "CALLBACK_SECRET", "cbsecret-1234567890"));
        assertThat(c.toString()).doesNotContain("key-1234567890", "sec-1234567890", "token-1234567890abcdef", "cbsecret-1234567890");
    }

    @Test
    void a_postgresql_url_is_taken_and_its_password_never_shown() {
        Config c = Config.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db.internal/tracker?user=t&password=hunter2hunter2"));
        assertThat(c.databaseUrl()).startsWith("jdbc:postgresql://");
        assertThat(c.toString()).contains("jdbc:postgresql://db.internal/tracker").doesNotContain("hunter2");
    }
}
