package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorInfoTest {

    @Test
    void twice_encoded_error_info_with_a_trailing_timestamp_decodes_to_success() {
        // as it stands after the query string was decoded once
        ErrorInfo e = ErrorInfo.decode("%7B%22error%22:0,%22message%22:%22Success%22%7D____24/04/2024%2016:58:01");
        assertThat(e.error()).isEqualTo(0);
        assertThat(e.message()).isEqualTo("Success");
        assertThat(e.reason()).isNull();
        assertThat(e.decoded()).isEqualTo("{\"error\":0,\"message\":\"Success\"}____24/04/2024 16:58:01");
    }

    @Test
    void quoted_json_with_escaped_quotes_decodes_to_the_zalo_error() {
        ErrorInfo e = ErrorInfo.decode("\"{\\\"error\\\":-114,\\\"message\\\":\\\"User is inactive\\\"}\"");
        assertThat(e.error()).isEqualTo(-114);
        assertThat(e.reason()).startsWith("Zalo error -114: User is inactive — ");
    }

    @Test
    void plain_json_with_nested_data_decodes() {
        ErrorInfo e = ErrorInfo.decode("{\"error\":0,\"message\":\"Success\",\"data\":{\"status\":1,\"x\":\"}\"}}");
        assertThat(e.error()).isEqualTo(0);
    }

    @Test
    void text_after_the_json_is_ignored_and_raw_text_is_kept() {
        ErrorInfo e = ErrorInfo.decode("{\"error\":-124,\"message\":\"Access token is invalid\"} then junk");
        assertThat(e.reason()).startsWith("Zalo error -124: Access token is invalid — ");
        assertThat(e.raw()).endsWith("then junk");
    }

    @Test
    void text_without_json_has_no_error_code_but_keeps_the_text() {
        ErrorInfo e = ErrorInfo.decode("something went wrong");
        assertThat(e.error()).isNull();
        assertThat(e.decoded()).isEqualTo("something went wrong");
        assertThat(ErrorInfo.decode("")).isNull();
    }

    @Test
    void a_stray_percent_sign_does_not_break_decoding() {
        ErrorInfo e = ErrorInfo.decode("{\"error\":-1,\"message\":\"100% failed %zz\"}");
        assertThat(e.message()).isEqualTo("100% failed %zz");
    }
}
