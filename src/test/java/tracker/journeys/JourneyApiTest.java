package tracker.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

class JourneyApiTest extends EsmsTestBase {

    private Sent send(String orderId, String phone, String smsId) {
        esms.enqueue(accepted(smsId));
        TestServer.Reply r = server.send(orderId, body(phone, null));
        return new Sent(r, takeEsmsBody());
    }

    private static List<String> orderIds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("journeys").forEach(j -> out.add(j.get("orderId").asText()));
        return out;
    }

    @Test
    void an_unknown_journey_is_a_404_with_a_json_error() {
        TestServer.Reply r = server.get("/api/journeys/NOPE");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("NOPE");
    }

    @Test
    void a_journey_has_its_messages_counts_price_and_one_timeline_oldest_first() {
        Sent a = send("HD1", "0901888484", "s1");
        server.clock.advance(Duration.ofSeconds(5));
        Sent b = send("HD1", "0901888484", "s2");
        server.clock.advance(Duration.ofSeconds(5));
        callback(b, "SMSID=s2&SendStatus=5&SendSuccess=1&TotalPrice=220.0000");
        server.clock.advance(Duration.ofSeconds(5));
        callback(a, "SMSID=s1&SendStatus=5&SendSuccess=1&TotalPrice=200.0000");

        JsonNode j = journey("HD1");
        assertThat(j.get("orderId").asText()).isEqualTo("HD1");
        assertThat(j.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(j.get("counts").get("DELIVERED").asInt()).isEqualTo(2);
        assertThat(j.get("price").asText()).isEqualTo("420.0000");
        assertThat(j.get("messages")).hasSize(2);
        assertThat(j.get("messages").get(0).get("events")).hasSize(3);
        assertThat(j.get("messages").get(0).get("events").get(2).get("detail").get("fields").get("TotalPrice").asText())
                .isEqualTo("200.0000");
        JsonNode t = j.get("timeline");
        assertThat(t).hasSize(6);
        List<String> ats = new ArrayList<>();
        t.forEach(e -> ats.add(e.get("at").asText()));
        assertThat(ats).isSorted();
        assertThat(ats.get(0)).isEqualTo("2026-11-28T08:00:00.000Z");
        assertThat(t.get(5).get("messageId").asLong()).isEqualTo(a.id());
    }

    @Test
    void a_journey_is_active_until_all_messages_are_final_and_failed_if_one_failed() {
        Sent a = send("HD1", "0901888484", "s1");
        Sent b = send("HD1", "0901888484", "s2");
        callback(a, "SMSID=s1&SendStatus=5&SendSuccess=1");
        assertThat(journey("HD1").get("status").asText()).isEqualTo("ACTIVE");
        callback(b, "SMSID=s2&SendStatus=5&SendFailed=1");
        assertThat(journey("HD1").get("status").asText()).isEqualTo("FAILED");
        assertThat(server.get("/api/journeys?status=FAILED").json().get("journeys").get(0).get("orderId").asText()).isEqualTo("HD1");
    }

    @Test
    void every_event_moves_the_journeys_last_activity_forward_even_without_a_status_change() {
        Sent a = send("HD1", "0901888484", "s1");
        server.clock.advance(Duration.ofMinutes(3));
        callback(a, "SMSID=s1&SendStatus=7");
        JsonNode row = server.get("/api/journeys?q=HD1").json().get("journeys").get(0);
        assertThat(row.get("lastActivityAt").asText()).isEqualTo("2026-11-28T08:03:00.000Z");
        assertThat(row.get("status").asText()).isEqualTo("ACTIVE");
        server.clock.advance(Duration.ofMinutes(3));
        callback(a, "SMSID=s1&SendStatus=5&SendSuccess=1");
        row = server.get("/api/journeys?q=HD1").json().get("journeys").get(0);
        assertThat(row.get("lastActivityAt").asText()).isEqualTo("2026-11-28T08:06:00.000Z");
        assertThat(row.get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void the_list_is_newest_first_and_paged_by_cursor() {
        for (int i = 1; i <= 5; i++) send("HD" + i, "0901888484", "s" + i);
        JsonNode p1 = server.get("/api/journeys?limit=2").json();
        assertThat(orderIds(p1)).containsExactly("HD5", "HD4");
        JsonNode p2 = server.get("/api/journeys?limit=2&cursor=" + p1.get("nextCursor").asText()).json();
        assertThat(orderIds(p2)).containsExactly("HD3", "HD2");
        JsonNode p3 = server.get("/api/journeys?limit=2&cursor=" + p2.get("nextCursor").asText()).json();
        assertThat(orderIds(p3)).containsExactly("HD1");
        assertThat(p3.get("nextCursor").isNull()).isTrue();
        JsonNode first = p1.get("journeys").get(0);
        assertThat(first.get("phones").get(0).asText()).isEqualTo("0901888484");
        assertThat(first.get("messages").asInt()).isEqualTo(1);
    }

    @Test
    void search_finds_a_journey_by_order_id_phone_in_any_form_or_smsid() {
        send("HD-100", "0901888484", "sms-a");
        send("HD-200", "0912345678", "sms-b");
        assertThat(orderIds(server.get("/api/journeys?q=HD-200").json())).containsExactly("HD-200");
        assertThat(orderIds(server.get("/api/journeys?q=HD-").json())).containsExactly("HD-200", "HD-100");
        assertThat(orderIds(server.get("/api/journeys?q=%2B84912345678").json())).containsExactly("HD-200");
        assertThat(orderIds(server.get("/api/journeys?q=84901888484").json())).containsExactly("HD-100");
        assertThat(orderIds(server.get("/api/journeys?q=0901888484").json())).containsExactly("HD-100");
        assertThat(orderIds(server.get("/api/journeys?q=sms-b").json())).containsExactly("HD-200");
        assertThat(orderIds(server.get("/api/journeys?q=nothing").json())).isEmpty();
        assertThat(orderIds(server.get("/api/journeys?q=HD-100&status=DELIVERED").json())).isEmpty();
    }

    @Test
    void bad_list_parameters_are_400_naming_the_parameter() {
        assertThat(server.get("/api/journeys?status=WHATEVER").json().get("field").asText()).isEqualTo("status");
        assertThat(server.get("/api/journeys?limit=0").json().get("field").asText()).isEqualTo("limit");
        assertThat(server.get("/api/journeys?limit=abc").status()).isEqualTo(400);
        assertThat(server.get("/api/journeys?cursor=xyz").json().get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void one_message_can_be_read_with_its_events_and_an_unknown_one_is_404() {
        Sent a = send("HD1", "0901888484", "s1");
        JsonNode m = message(a.id());
        assertThat(m.get("orderId").asText()).isEqualTo("HD1");
        assertThat(m.get("events")).hasSize(2);
        assertThat(m.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(server.get("/api/messages/999").status()).isEqualTo(404);
        assertThat(server.get("/api/messages/abc").status()).isEqualTo(404);
    }
}
