package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** Text is stored exactly or refused with 400, never mangled; SQL metacharacters are just text. */
class TextRoundTripTest extends EsmsTestBase {
    private static final String[] TRICKY = {"Nguyễn Thị Ánh Tuyết", "Đơn hàng 🚚📦 đã giao ✅", "He said \"hi\" & 'bye' \\ back",
            "<script>alert('x')</script>", "x'); DROP TABLE message; --", "line\nbreak\ttab", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ZWJ 👩‍👩‍👧"};

    @Test
    void vietnamese_emoji_quotes_and_script_tags_round_trip_exactly_to_the_api_and_to_esms() throws Exception {
        esms.enqueue(accepted("SMS-U1"));
        StringBuilder params = new StringBuilder();
        for (String t : TRICKY) params.append(params.length() == 0 ? "" : ",").append(TestServer.JSON.writeValueAsString(t));
        String order = "ĐH-2026/Ánh 🚚".replace("/", "-");
        String path = "/api/journeys/" + URLEncoder.encode(order, StandardCharsets.UTF_8).replace("+", "%20") + "/messages";
        TestServer.Reply r = server.post(path, "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"campaignId\":"
                + TestServer.JSON.writeValueAsString(TRICKY[3]) + ",\"params\":[" + params + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode toEsms = takeEsmsBody();
        JsonNode stored = message(r.json().get("id").asLong());
        for (int i = 0; i < TRICKY.length; i++) {
            assertThat(stored.get("params").get(i).asText()).isEqualTo(TRICKY[i]);
            assertThat(toEsms.get("Params").get(i).asText()).isEqualTo(TRICKY[i]);
        }
        assertThat(stored.get("orderId").asText()).isEqualTo(order);
        assertThat(stored.get("campaignId").asText()).isEqualTo(TRICKY[3]);
        assertThat(ChildTestBase.one(server.databaseUrl, "SELECT COUNT(*) FROM message")).isEqualTo("1");
    }

    @Test
    void control_characters_in_an_order_id_are_refused_with_400() {
        for (String id : new String[] {"HD%0A1", "HD%0D%0AX-Injected:%201", "HD%7F1", "HD%E2%80%A81", "%20HD1"}) {
            RawHttp.Answer a = RawHttp.post(server.port(), "/api/journeys/" + id + "/messages", "application/json",
                    body("0901888484", null).getBytes(StandardCharsets.UTF_8), server.authHeader());
            assertThat(a.status()).as(id).isEqualTo(400);
            assertThat(a.json().get("field").asText()).isEqualTo("orderId");
        }
        assertThat(esms.getRequestCount()).isZero();
    }

    @Test
    void a_lone_surrogate_in_json_is_refused_with_400() {
        for (String bad : new String[] {"\\ud800", "x\\udfff", "\\ud83d\\u0041"}) {
            TestServer.Reply r = server.send("HD-U3", "{\"phone\":\"0901888484\",\"templateId\":\"540679\",\"params\":[\"" + bad + "\"]}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("params");
        }
        assertThat(server.get("/api/journeys/HD-U3").status()).isEqualTo(404);
    }

    @Test
    void invalid_utf8_in_a_body_is_refused_with_400() {
        byte[] good = body("0901888484", null).getBytes(StandardCharsets.UTF_8);
        String text = new String(good, StandardCharsets.ISO_8859_1).replace("Nguy", "Ng\u00C3\u0028y");
        RawHttp.Answer a = RawHttp.post(server.port(), "/api/journeys/HD-U4/messages", "application/json",
                text.getBytes(StandardCharsets.ISO_8859_1), server.authHeader());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("body");
        assertThat(server.get("/api/journeys/HD-U4").status()).isEqualTo(404);
    }

    @Test
    void invalid_utf8_in_a_callback_is_refused_with_400_and_nothing_is_stored() {
        Sent sent = sendAccepted("HD-U5", "SMS-U5");
        assertThat(callback(sent, "SMSID=SMS-U5&SendStatus=5&SendSuccess=1&note=%C3%28%FF")).isEqualTo(400);
        assertThat(message(sent.id()).get("events")).hasSize(2);
    }

    @Test
    void invalid_utf8_in_a_path_is_refused_with_400() {
        assertThat(RawHttp.get(server.port(), "/api/journeys/%C3%28", server.authHeader()).status()).isEqualTo(400);
        assertThat(RawHttp.get(server.port(), "/api/journeys/%ED%A0%80", server.authHeader()).status()).as("an encoded surrogate").isEqualTo(400);
    }

    @Test
    void a_callback_with_markup_and_quotes_is_stored_exactly_as_received() {
        Sent sent = sendAccepted("HD-U7", "SMS-U7");
        String raw = "SMSID=SMS-U7&SendStatus=5&SendSuccess=1&SendFailed=0&x=%3Cscript%3Ealert(%22%C4%91%22)%3C%2Fscript%3E";
        assertThat(callback(sent, raw)).isEqualTo(200);
        JsonNode cb = message(sent.id()).get("events").get(2).get("detail");
        assertThat(cb.get("query").asText()).isEqualTo(raw);
        assertThat(cb.get("fields").get("x").asText()).isEqualTo("<script>alert(\"đ\")</script>");
    }

    @Test
    void sql_metacharacters_in_ids_and_search_are_only_text() {
        esms.enqueue(accepted("SMS-U8"));
        String order = "x' OR '1'='1";
        TestServer.Reply r = server.send(URLEncoder.encode(order, StandardCharsets.UTF_8).replace("+", "%20"), body("0901888484", null));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("orderId").asText()).isEqualTo(order);
        for (String q : new String[] {"%25", "_", "' OR 1=1 --", "\\"}) {
            TestServer.Reply list = server.get("/api/journeys?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertThat(list.status()).as(q).isEqualTo(200);
            assertThat(list.json().get("journeys")).as("'" + q + "' matches nothing literally").isEmpty();
        }
        TestServer.Reply prefix = server.get("/api/journeys?q=" + URLEncoder.encode("x' OR", StandardCharsets.UTF_8));
        assertThat(prefix.json().get("journeys")).as("a quote is searched for as a quote").hasSize(1);
        assertThat(ChildTestBase.one(server.databaseUrl, "SELECT COUNT(*) FROM message")).isEqualTo("1");
    }
}
