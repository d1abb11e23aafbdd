package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tracker.ledger.Refused;
import tracker.ledger.Status;

class CallbackReportTest {

    private static CallbackReport report(String query) { return CallbackReport.from(Fields.parseQuery(query)); }

    @Test
    void each_send_status_maps_to_its_status() {
        assertThat(report("SMSID=a&SendStatus=1").status()).isEqualTo(Status.PENDING_APPROVAL);
        assertThat(report("SMSID=a&SendStatus=2").status()).isEqualTo(Status.WAITING);
        assertThat(report("SMSID=a&SendStatus=7").status()).isEqualTo(Status.SENT);
        assertThat(report("SMSID=a&SendStatus=4").status()).isEqualTo(Status.REJECTED);
        assertThat(report("SMSID=a&SendStatus=5&SendSuccess=1&SendFailed=0").status()).isEqualTo(Status.DELIVERED);
        assertThat(report("SMSID=a&SendStatus=5&SendSuccess=0&SendFailed=1").status()).isEqualTo(Status.FAILED);
    }

    @Test
    void finished_with_both_counts_zero_reports_no_outcome() {
        CallbackReport r = report("SMSID=a&SendStatus=5&SendSuccess=0&SendFailed=0");
        assertThat(r.status()).isNull();
        assertThat(r.note()).contains("both 0");
    }

    @Test
    void an_unknown_send_status_reports_no_status() {
        CallbackReport r = report("SMSID=a&SendStatus=9");
        assertThat(r.status()).isNull();
        assertThat(r.note()).contains("unknown SendStatus 9");
    }

    @Test
    void counts_win_over_error_info_and_the_disagreement_is_noted() {
        CallbackReport r = report("SMSID=a&SendStatus=5&SendSuccess=1&SendFailed=0&error_info=%7B%22error%22%3A-114%7D");
        assertThat(r.status()).isEqualTo(Status.DELIVERED);
        assertThat(r.note()).contains("counts win");
        CallbackReport f = report("SMSID=a&SendStatus=5&SendSuccess=0&SendFailed=1&error_info=%7B%22error%22%3A0%7D");
        assertThat(f.status()).isEqualTo(Status.FAILED);
        assertThat(f.note()).contains("counts win");
    }

    @Test
    void a_failure_reason_comes_from_error_info_or_says_none_was_given() {
        assertThat(report("SMSID=a&SendStatus=5&SendFailed=1&error_info={%22error%22%3A-124%2C%22message%22%3A%22Access token is invalid%22}").failureReason())
                .startsWith("Zalo error -124: Access token is invalid — ");
        assertThat(report("SMSID=a&SendStatus=5&SendFailed=1").failureReason()).contains("without a reason");
        assertThat(report("SMSID=a&SendStatus=4").failureReason()).contains("rejected");
    }

    @Test
    void parameter_names_match_case_insensitively_and_price_is_kept() {
        CallbackReport r = report("smsid=a&sendstatus=5&sendsuccess=1&Totalprice=220.0000");
        assertThat(r.status()).isEqualTo(Status.DELIVERED);
        assertThat(r.price()).isEqualTo("220.0000");
    }

    @Test
    void a_missing_smsid_or_a_non_numeric_send_status_is_refused() {
        assertThatThrownBy(() -> report("SendStatus=5")).isInstanceOf(Refused.class).hasMessageContaining("SMSID");
        assertThatThrownBy(() -> report("SMSID=a&SendStatus=five")).isInstanceOf(Refused.class).hasMessageContaining("SendStatus");
        assertThatThrownBy(() -> report("SMSID=a")).isInstanceOf(Refused.class).hasMessageContaining("SendStatus");
        assertThatThrownBy(() -> report("SMSID=a&SMSID=b&SendStatus=5")).isInstanceOf(Refused.class);
    }
}
