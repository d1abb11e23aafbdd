package tracker.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackLimitsRulesTest {
    private static final long ACCEPTED = 1_800_000_000_000L;

    @Test
    void a_callback_url_is_open_for_exactly_8_days_after_acceptance() {
        assertThat(CallbackLimits.expired(ACCEPTED, ACCEPTED + Duration.ofDays(8).toMillis())).isFalse();
        assertThat(CallbackLimits.expired(ACCEPTED, ACCEPTED + Duration.ofDays(8).toMillis() + 1)).isTrue();
        assertThat(CallbackLimits.expired(ACCEPTED, ACCEPTED - 1)).as("a clock that stepped back").isFalse();
    }

    @Test
    void fifty_distinct_callbacks_get_their_own_events_and_beyond_only_a_status_change_does() {
        assertThat(CallbackLimits.storesOwnEvent(49, false)).isTrue();
        assertThat(CallbackLimits.storesOwnEvent(50, false)).isFalse();
        assertThat(CallbackLimits.storesOwnEvent(50, true)).isTrue();
        assertThat(CallbackLimits.storesOwnEvent(5_000, true)).isTrue();
    }
}
