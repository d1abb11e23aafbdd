package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** Bad sends get 400 naming the field, and nothing is stored or sent. */
class SendValidationTest extends EsmsTestBase {

    private void assertRefused(TestServer.Reply r, String field) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("error").asText()).isNotBlank();
        assertThat(esms.getRequestCount()).isZero();
        assertThat(server.get("/api/journeys?limit=10").json().get("journeys")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "landline phone          | {\"phone\":\"0241234567\",\"templateId\":\"1\",\"params\":[]}                 | phone",
        "missing phone           | {\"templateId\":\"1\",\"params\":[]}                                          | phone",
        "phone as a number       | {\"phone\":901888484,\"templateId\":\"1\",\"params\":[]}                    | phone",
        "missing templateId      | {\"phone\":\"0901888484\",\"params\":[]}                                     | templateId",
        "empty templateId        | {\"phone\":\"0901888484\",\"templateId\":\"\",\"params\":[]}                 | templateId",
        "params not an array     | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":\"a\"}             | params",
        "params with a number    | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[\"a\",2]}         | params",
        "missing params          | {\"phone\":\"0901888484\",\"templateId\":\"1\"}                              | params",
        "requestId too long      | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[],\"requestId\":\"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\"} | requestId",
        "control char in templateId | {\"phone\":\"0901888484\",\"templateId\":\"a\\u0007b\",\"params\":[]}       | templateId",
        "sandbox as a string     | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[],\"sandbox\":\"yes\"} | sandbox",
        "unknown field           | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[],\"templateID\":\"2\"} | templateID",
        "lone surrogate in param | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[\"\\ud800\"]}      | params",
        "not json                | phone=0901888484                                                              | body",
        "an array, not an object | [1,2]                                                                         | body",
        "trailing junk           | {\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[]} x              | body",
    })
    void a_bad_send_is_refused_naming_the_field_and_nothing_is_stored(String name, String body, String field) {
        assertRefused(server.send("HD1", body), field);
    }

    @Test
    void too_many_or_too_long_params_are_refused() {
        String many = "[" + "\"a\",".repeat(SendRequest.MAX_PARAMS) + "\"a\"]";
        assertRefused(server.send("HD1", "{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":" + many + "}"), "params");
        String longParam = "\"" + "x".repeat(SendRequest.MAX_PARAM_LENGTH + 1) + "\"";
        assertRefused(server.send("HD1", "{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[" + longParam + "]}"), "params");
    }

    @Test
    void an_order_id_with_a_control_character_or_too_long_is_refused() {
        assertRefused(server.send("HD%01X", body("0901888484", null)), "orderId");
        assertRefused(server.send("H".repeat(101), body("0901888484", null)), "orderId");
    }

    @Test
    void invalid_utf8_in_the_body_is_refused() {
        byte[] bad = "{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[\"\u00ff\"]}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var r = server.call(new Request.Builder().url(server.url("/api/journeys/HD1/messages"))
                .post(RequestBody.create(bad, MediaType.get("application/json"))));
        assertRefused(r, "body");
    }
}
