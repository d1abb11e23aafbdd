package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeededOutcomesTest {
    final SimulatorSettings shares = SimulatorSettings.defaults().withShares(0.3, 0.2, 0.3, 0.3, 0.3);

    List<Outcomes.Outcome> draw(long seed, int n) {
        Random random = new Random(seed);
        List<Outcomes.Outcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Outcomes.pick("09012" + String.format("%05d", 30000 + i), random, shares));
        return out;
    }

    @Test
    void the_same_seed_gives_the_same_outcome_sequence() {
        assertThat(draw(7, 200)).isEqualTo(draw(7, 200)).isNotEqualTo(draw(8, 200));
    }

    @Test
    void random_failures_are_recipient_errors_only_so_a_quickstart_raises_no_account_alarm() {
        Random random = new Random(123);
        List<Outcomes.Result> failures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) { // numbers ending 5000-6999: no magic number among them
            Outcomes.Result r = Outcomes.pick("090123" + (5000 + i), random, SimulatorSettings.defaults()).result();
            if (r.name().startsWith("FAILED")) failures.add(r);
        }
        assertThat(failures).isNotEmpty().containsOnly(Outcomes.Result.FAILED_114, Outcomes.Result.FAILED_118);
    }

    @Test
    void shares_are_honoured_roughly() {
        List<Outcomes.Outcome> outcomes = draw(123, 2000);
        long failed = outcomes.stream().filter(o -> o.result().name().startsWith("FAILED")).count();
        long rejected = outcomes.stream().filter(o -> o.result() == Outcomes.Result.REJECTED).count();
        long lost = outcomes.stream().filter(Outcomes.Outcome::lost).count();
        assertThat(failed).isBetween(500L, 700L);
        assertThat(rejected).isBetween(320L, 480L);
        assertThat(lost).isBetween(500L, 700L);
    }

    @Test
    void magic_numbers_ignore_the_shares_but_still_consume_the_same_draws() {
        Random a = new Random(5);
        Random b = new Random(5);
        assertThat(Outcomes.pick("0901230114", a, shares)).isEqualTo(Outcomes.Outcome.plain(Outcomes.Result.FAILED_114));
        Outcomes.pick("0901234567", b, shares);
        assertThat(Outcomes.pick("0901239999", a, shares)).isEqualTo(Outcomes.pick("0901239999", b, shares));
    }

    @Test
    void quiet_settings_deliver_everything_plainly() {
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(Outcomes.pick("0901234567", random, SimulatorSettings.quiet()))
                    .isEqualTo(Outcomes.Outcome.plain(Outcomes.Result.DELIVERED));
        }
    }
}
