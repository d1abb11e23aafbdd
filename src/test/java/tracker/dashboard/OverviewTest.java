package tracker.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

class OverviewTest extends EsmsTestBase {
    private static final String DELIVERED = "SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000";
    private static final String FAILED = "SendFailed=1&SendStatus=5&SendSuccess=0&TotalPrice=0.0000"
            + "&error_info=%7B%22error%22%3A-114%2C%22message%22%3A%22User%20is%20inactive%22%7D";

    /** Three sends at t0: delivered after 2 s, failed after 4 s, and one that never hears back. */
    private void threeMessages() {
        Sent a = sendAccepted("OV-1", "sms-ov-1");
        Sent b = sendAccepted("OV-2", "sms-ov-2");
        sendAccepted("OV-3", "sms-ov-3");
        server.clock.advance(Duration.ofSeconds(2));
        assertThat(callback(a, "SMSID=sms-ov-1&" + DELIVERED)).isEqualTo(200);
        server.clock.advance(Duration.ofSeconds(2));
        assertThat(callback(b, "SMSID=sms-ov-2&" + FAILED)).isEqualTo(200);
    }

    private JsonNode window(JsonNode overview, int i) { return overview.get("windows").get(i); }

    /** Moves past RECONCILE_AFTER; the reconciler then asks eSMS about OV-3, which has nothing new to tell. */
    private void advancePastReconcileDelay(Duration by) {
        esms.enqueue(json("{\"Code\":100,\"Message\":\"Success\",\"Data_callback\":[]}"));
        esms.enqueue(json("{\"CodeResponse\":\"105\",\"ErrorMessage\":\"SMSID not found\"}"));
        server.clock.advance(by);
        RecordedRequest getCallback = takeEsmsRequest();
        assertThat(getCallback.getUrl().encodedPath()).isEqualTo("/ZaloCallback/GetCallback");
        assertThat(getCallback.getBody().utf8()).contains("\"ListRefid\":[\"sms-ov-3\"]");
        assertThat(takeEsmsRequest().getUrl().queryParameter("RefId")).isEqualTo("sms-ov-3");
    }

    @Test
    void overview_counts_messages_by_status_with_delivery_rate_and_median_time_to_final() {
        threeMessages();

        JsonNode o = server.get("/api/overview").json();
        JsonNode day = window(o, 0);
        assertThat(day.get("name").asText()).isEqualTo("24h");
        assertThat(day.get("total").asInt()).isEqualTo(3);
        assertThat(day.get("counts").get("DELIVERED").asInt()).isEqualTo(1);
        assertThat(day.get("counts").get("FAILED").asInt()).isEqualTo(1);
        assertThat(day.get("counts").get("ACCEPTED").asInt()).isEqualTo(1);
        assertThat(day.get("finals").asInt()).isEqualTo(2);
        assertThat(day.get("deliveryRate").asDouble()).isEqualTo(0.5);
        assertThat(day.get("medianSendToFinalMs").asLong()).isEqualTo(3000);
        assertThat(day.get("buckets")).hasSize(24);
        int inBuckets = 0;
        for (JsonNode b : day.get("buckets")) for (JsonNode n : b.get("counts")) inBuckets += n.asInt();
        assertThat(inBuckets).isEqualTo(3);
        assertThat(window(o, 1).get("buckets")).hasSize(7);
    }

    @Test
    void messages_older_than_a_day_leave_the_24h_window_but_stay_in_the_7_day_one() {
        threeMessages();
        advancePastReconcileDelay(Duration.ofDays(2));

        JsonNode o = server.get("/api/overview").json();
        assertThat(window(o, 0).get("total").asInt()).isZero();
        assertThat(window(o, 0).get("deliveryRate").isNull()).isTrue();
        assertThat(window(o, 1).get("total").asInt()).isEqualTo(3);
    }

    @Test
    void a_message_not_final_after_the_reconcile_delay_is_listed_as_stuck() {
        threeMessages();
        assertThat(server.get("/api/overview").json().get("stuck").get("total").asInt()).isZero();

        advancePastReconcileDelay(Duration.ofMinutes(11));

        JsonNode stuck = server.get("/api/overview").json().get("stuck");
        assertThat(stuck.get("olderThan").asText()).isEqualTo("PT10M");
        assertThat(stuck.get("total").asInt()).isEqualTo(1);
        assertThat(stuck.get("messages").get(0).get("orderId").asText()).isEqualTo("OV-3");
        assertThat(stuck.get("messages").get(0).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void hour_bars_follow_the_viewers_time_zone() {
        sendAccepted("OV-TZ", "sms-tz"); // 08:00 UTC is 15:00 in Vietnam (UTC+7)
        JsonNode bars = window(server.get("/api/overview?offset=420").json(), 0).get("buckets");
        assertThat(bars.get(23).get("start").asText()).isEqualTo("2026-11-28T08:00:00.000Z");
        JsonNode days = window(server.get("/api/overview?offset=420").json(), 1).get("buckets");
        assertThat(days.get(6).get("start").asText()).isEqualTo("2026-11-27T17:00:00.000Z"); // local midnight
    }

    @Test
    void a_bad_offset_is_a_400_naming_the_field() {
        var reply = server.get("/api/overview?offset=9999");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("offset");
    }

    @Test
    void info_tells_the_page_about_the_simulator_and_the_statuses_without_secrets() {
        var reply = server.get("/api/info");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("simulated").asBoolean()).isFalse();
        assertThat(reply.json().get("auth").asText()).isEqualTo("token"); // the simulator is off: a token is required
        assertThat(reply.json().get("statuses").toString()).contains("PENDING_APPROVAL", "EXPIRED");
        assertThat(reply.body()).doesNotContain("test-api-key").doesNotContain("test-secret-key");
    }
}
