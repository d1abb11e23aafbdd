package tracker.esms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tracker.ledger.FailureKind;

/** Every code PROTOCOL.md sections 5 and 6 list reads as words and has the kind the protocol gives it. */
class CodeWordsTest {
    @Test
    void every_listed_send_code_has_words_and_its_kind() {
        String[][] codes = {{"101", "ACCOUNT"}, {"102", "ACCOUNT"}, {"103", "ACCOUNT"}, {"140", "ACCOUNT"}, {"143", "ACCOUNT"},
                {"204", "CONFIGURATION"}, {"789", "CONFIGURATION"}, {"790", "CONFIGURATION"}, {"791", "CONFIGURATION"},
                {"799", "CONFIGURATION"}, {"801", "CONFIGURATION"}, {"802", "CONFIGURATION"}, {"99", "RECIPIENT"},
                {"108", "RECIPIENT"}, {"110", "RECIPIENT"}, {"118", "RECIPIENT"}, {"201", "RECIPIENT"}, {"210", "RECIPIENT"},
                {"160", "TRANSIENT"}, {"146", "CONFIGURATION"}};
        for (String[] c : codes) {
            assertThat(EsmsCodes.describe(c[0], null)).as(c[0]).doesNotContain("unknown eSMS result code");
            assertThat(EsmsCodes.kind(c[0])).as(c[0]).isEqualTo(FailureKind.valueOf(c[1]));
        }
        assertThat(EsmsCodes.kind("555")).isEqualTo(FailureKind.UNKNOWN);
        assertThat(EsmsCodes.describe("555", null)).contains("unknown eSMS result code");
    }

    @Test
    void every_listed_zalo_error_has_words_even_when_zalo_gives_none() {
        int[] codes = {-108, -114, -118, -119, -139, -141, -115, -124, -144, -147, -146, -133, -148, -149, -150};
        for (int c : codes) {
            assertThat(ZaloErrors.reason(c, null)).as("" + c).startsWith("Zalo error " + c + ": ").doesNotContain("no message given");
            assertThat(ZaloErrors.kind(c)).as("" + c).isNotEqualTo(FailureKind.UNKNOWN);
        }
    }
}
