package tracker.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.ledger.Status.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRulesTest {

    @Test
    void a_later_status_moves_the_message_forward() {
        assertThat(StatusRules.decide(ACCEPTED, SENT)).isEqualTo(new StatusRules.Decision(SENT, false, false));
        assertThat(StatusRules.decide(QUEUED, DELIVERED).next()).isEqualTo(DELIVERED);
    }

    @Test
    void late_sent_callback_does_not_undo_delivered() {
        assertThat(StatusRules.decide(DELIVERED, SENT)).isEqualTo(new StatusRules.Decision(DELIVERED, true, false));
    }

    @Test
    void an_earlier_status_after_a_later_one_is_late_and_changes_nothing() {
        assertThat(StatusRules.decide(SENT, WAITING)).isEqualTo(new StatusRules.Decision(SENT, true, false));
        assertThat(StatusRules.decide(SENT, ACCEPTED)).isEqualTo(new StatusRules.Decision(SENT, true, false));
    }

    @Test
    void the_first_final_status_wins_and_a_contradiction_is_a_conflict() {
        assertThat(StatusRules.decide(DELIVERED, FAILED)).isEqualTo(new StatusRules.Decision(DELIVERED, false, true));
        assertThat(StatusRules.decide(FAILED, DELIVERED)).isEqualTo(new StatusRules.Decision(FAILED, false, true));
        assertThat(StatusRules.decide(REJECTED, DELIVERED)).isEqualTo(new StatusRules.Decision(REJECTED, false, true));
    }

    @Test
    void delivered_replaces_expired_because_a_late_success_is_real_news() {
        assertThat(StatusRules.decide(EXPIRED, DELIVERED)).isEqualTo(new StatusRules.Decision(DELIVERED, false, false));
        assertThat(StatusRules.decide(EXPIRED, FAILED)).isEqualTo(new StatusRules.Decision(EXPIRED, false, true));
    }

    @Test
    void the_same_status_again_or_no_status_changes_nothing_and_is_not_flagged() {
        assertThat(StatusRules.decide(SENT, SENT)).isEqualTo(new StatusRules.Decision(SENT, false, false));
        assertThat(StatusRules.decide(SENT, null)).isEqualTo(new StatusRules.Decision(SENT, false, false));
        assertThat(StatusRules.decide(DELIVERED, DELIVERED)).isEqualTo(new StatusRules.Decision(DELIVERED, false, false));
    }

    @Test
    void journey_status_is_active_until_all_final_then_delivered_or_failed() {
        assertThat(Status.journeyStatus(Map.of(DELIVERED, 2, SENT, 1))).isEqualTo("ACTIVE");
        assertThat(Status.journeyStatus(Map.of(DELIVERED, 3))).isEqualTo("DELIVERED");
        assertThat(Status.journeyStatus(Map.of(DELIVERED, 2, FAILED, 1))).isEqualTo("FAILED");
        assertThat(Status.journeyStatus(Map.of(DELIVERED, 2, REJECTED, 1))).isEqualTo("FAILED");
        assertThat(Status.journeyStatus(Map.of(EXPIRED, 1))).isEqualTo("FAILED");
    }
}
