package tracker.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneTest {

    @Test
    void the_three_accepted_forms_normalise_to_one() {
        assertThat(Phone.normalise("0901888484")).contains("84901888484");
        assertThat(Phone.normalise("84901888484")).contains("84901888484");
        assertThat(Phone.normalise("+84901888484")).contains("84901888484");
        assertThat(Phone.normalise("090 188 8484")).contains("84901888484");
    }

    @Test
    void landlines_short_long_and_foreign_numbers_are_refused() {
        assertThat(Phone.normalise("0241234567")).isEmpty();
        assertThat(Phone.normalise("090188848")).isEmpty();
        assertThat(Phone.normalise("09018884840")).isEmpty();
        assertThat(Phone.normalise("+14155550100")).isEmpty();
        assertThat(Phone.normalise("09O1888484")).isEmpty();
        assertThat(Phone.normalise(null)).isEmpty();
    }

    @Test
    void a_masked_phone_keeps_only_the_ends() {
        assertThat(Phone.mask("0901888484")).isEqualTo("0901***484");
    }
}
