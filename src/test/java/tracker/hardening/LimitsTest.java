package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Every limit answers a clear 4xx in the API's JSON shape, never a 500, and stores nothing. */
class LimitsTest extends EsmsTestBase {
    private static final String SEND = "/api/journeys/HD-L/messages";

    @Test
    void a_declared_body_over_64_KiB_is_refused_with_413_without_reading_it() {
        RawHttp.Answer a = RawHttp.exchange(server.port(), ("POST " + SEND + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
        assertError(a, 413);
    }

    @Test
    void a_chunked_body_growing_past_64_KiB_is_refused_with_413() throws IOException {
        try (Socket s = new Socket("localhost", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + SEND + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = " ".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 512; i++) { // 8 MiB offered; the server stops reading long before
                    out.write(("4000\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closedByServer) { /* expected once it has answered */ }
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"request body too large\"");
        }
        assertNothingStored();
    }

    @Test
    void a_url_over_the_limit_is_refused_with_414() {
        assertError(RawHttp.get(server.port(), "/api/journeys/" + "A".repeat(20_000)), 414);
        assertError(RawHttp.get(server.port(), "/api/journeys?q=" + "A".repeat(20_000)), 414);
    }

    @Test
    void one_oversized_header_or_too_many_headers_are_refused_with_431() {
        assertError(RawHttp.get(server.port(), "/health/live", "X-Big: " + "B".repeat(20_000)), 431);
        String[] many = new String[1000];
        for (int i = 0; i < many.length; i++) many[i] = "X-H" + i + ": v";
        assertError(RawHttp.get(server.port(), "/health/live", many), 431);
    }

    @Test
    void a_callback_with_too_many_fields_is_refused_with_400() {
        Sent sent = sendAccepted("HD-L5", "SMS-L5");
        StringBuilder q = new StringBuilder("SMSID=SMS-L5&SendStatus=5&SendSuccess=1");
        for (int i = 0; i < 100; i++) q.append("&f").append(i).append("=1");
        assertThat(callback(sent, q.toString())).isEqualTo(400);
        assertThat(message(sent.id()).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void a_callback_value_over_4096_characters_is_refused_with_400() {
        Sent sent = sendAccepted("HD-L6", "SMS-L6");
        assertThat(callback(sent, "SMSID=SMS-L6&SendStatus=5&SendSuccess=1&error_info=" + "x".repeat(5000))).isEqualTo(400);
        assertThat(message(sent.id()).get("events")).hasSize(2);
    }

    @Test
    void json_nested_deeper_than_32_levels_is_refused_with_400() {
        String deep = "{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertError(post(deep), 400);
    }

    @Test
    void a_params_array_of_more_than_20_items_is_refused_with_400_naming_params() {
        String params = "\"a\",".repeat(5000) + "\"a\"";
        RawHttp.Answer a = post("{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[" + params + "]}");
        assertError(a, 400);
        assertThat(a.json().get("field").asText()).isEqualTo("params");
    }

    @Test
    void a_param_of_more_than_500_characters_is_refused_with_400() {
        assertError(post("{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[\"" + "á".repeat(501) + "\"]}"), 400);
    }

    @Test
    void an_order_id_of_more_than_100_characters_is_refused_with_400() {
        RawHttp.Answer a = RawHttp.post(server.port(), "/api/journeys/" + "O".repeat(101) + "/messages", "application/json",
                body("0901888484", null).getBytes(StandardCharsets.UTF_8), server.authHeader());
        assertError(a, 400);
        assertThat(a.json().get("field").asText()).isEqualTo("orderId");
    }

    @Test
    void a_huge_number_duplicate_keys_and_trailing_junk_are_refused_with_400() {
        assertError(post("{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[],\"sandbox\":" + "9".repeat(5000) + "}"), 400);
        assertError(post("{\"phone\":\"0901888484\",\"phone\":\"0901888485\",\"templateId\":\"1\",\"params\":[]}"), 400);
        assertError(post(body("0901888484", null) + "{}"), 400);
    }

    @Test
    void a_list_limit_beyond_the_maximum_is_refused_with_400() {
        RawHttp.Answer a = RawHttp.get(server.port(), "/api/journeys?limit=100000", server.authHeader());
        assertError(a, 400);
        assertThat(RawHttp.get(server.port(), "/api/journeys?limit=9999", server.authHeader()).status()).isEqualTo(400);
    }

    private RawHttp.Answer post(String json) {
        return RawHttp.post(server.port(), SEND, "application/json", json.getBytes(StandardCharsets.UTF_8), server.authHeader());
    }

    private void assertError(RawHttp.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json()).as("JSON error body: " + a.body()).isNotNull();
        assertThat(a.json().get("error").asText()).isNotBlank();
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertThat(server.get("/api/journeys/HD-L").status()).isEqualTo(404);
        assertThat(ChildTestBase.one(server.databaseUrl, "SELECT COUNT(*) FROM message WHERE order_id NOT LIKE 'HD-L_'")).isEqualTo("0");
    }
}
