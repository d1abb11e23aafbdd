package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

class CallbackTest extends EsmsTestBase {
    static final String SMSID = "7d11c87a22934df390f73ec59d8defd6205";
    static final String DELIVERED = "SMSID=" + SMSID + "&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TotalReceiver=1&TotalSent=1&RequestId=&TypeId=27";
    static final String SENT = "SMSID=" + SMSID + "&SendFailed=0&SendStatus=7&SendSuccess=0&TotalPrice=0.0000&TypeId=27";
    static final String FAILED = "SMSID=" + SMSID + "&SendFailed=1&SendStatus=5&SendSuccess=0&TotalPrice=0.0000&TypeId=27"
            + "&error_info=%257B%2522error%2522%3A-114%2C%2522message%2522%3A%2522User%2520is%2520inactive%2522%257D";

    private List<JsonNode> events(long id) {
        return List.copyOf((java.util.Collection<JsonNode>) iterable(message(id).get("events")));
    }

    private static java.util.Collection<JsonNode> iterable(JsonNode array) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }


    @Test
    void sent_then_delivered_moves_the_message_forward_and_keeps_the_price() {
        Sent s = sendAccepted("HD1", SMSID);
        assertThat(callback(s, SENT)).isEqualTo(200);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("SENT");
        assertThat(callback(s, DELIVERED)).isEqualTo(200);
        JsonNode m = message(s.id());
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(m.get("price").asText()).isEqualTo("220.0000");
        assertThat(lastEvent(s.id()).get("type").asText()).isEqualTo("CALLBACK");
        assertThat(lastEvent(s.id()).get("source").asText()).isEqualTo("callback");
        assertThat(lastEvent(s.id()).get("detail").get("query").asText()).isEqualTo(DELIVERED);
    }

    @Test
    void pending_approval_and_waiting_are_reported() {
        Sent s = sendAccepted("HD2", SMSID);
        callback(s, "SMSID=" + SMSID + "&SendStatus=1");
        assertThat(message(s.id()).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        callback(s, "SMSID=" + SMSID + "&SendStatus=2");
        assertThat(message(s.id()).get("status").asText()).isEqualTo("WAITING");
    }

    @Test
    void a_failed_callback_gives_the_zalo_reason_in_words() {
        Sent s = sendAccepted("HD3", SMSID);
        assertThat(callback(s, FAILED)).isEqualTo(200);
        JsonNode m = message(s.id());
        assertThat(m.get("status").asText()).isEqualTo("FAILED");
        assertThat(m.get("failureReason").asText())
                .isEqualTo("Zalo error -114: User is inactive — the recipient is inactive on Zalo, refused the message or uses an outdated Zalo app");
        assertThat(m.get("failureKind").asText()).isEqualTo("recipient");
    }

    @Test
    void a_rejection_callback_is_final() {
        Sent s = sendAccepted("HD4", SMSID);
        callback(s, "SMSID=" + SMSID + "&SendStatus=4&SendFailed=1");
        assertThat(message(s.id()).get("status").asText()).isEqualTo("REJECTED");
        assertThat(message(s.id()).get("failureReason").asText()).contains("rejected");
    }

    @Test
    void finished_without_counts_and_unknown_statuses_are_stored_but_change_nothing() {
        Sent s = sendAccepted("HD5", SMSID);
        assertThat(callback(s, "SMSID=" + SMSID + "&SendStatus=5&SendSuccess=0&SendFailed=0")).isEqualTo(200);
        assertThat(callback(s, "SMSID=" + SMSID + "&SendStatus=9")).isEqualTo(200);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("ACCEPTED");
        List<JsonNode> e = events(s.id());
        assertThat(e).hasSize(4);
        assertThat(e.get(2).get("status").isNull()).isTrue();
        assertThat(e.get(3).get("detail").get("note").asText()).contains("unknown SendStatus 9");
    }

    @Test
    void identical_repeats_are_stored_once_and_counted() {
        Sent s = sendAccepted("HD6", SMSID);
        for (int i = 0; i < 3; i++) assertThat(callback(s, DELIVERED)).isEqualTo(200);
        List<JsonNode> e = events(s.id());
        assertThat(e).hasSize(3);
        assertThat(e.get(2).get("repeats").asInt()).isEqualTo(3);
    }

    @Test
    void late_sent_callback_does_not_undo_delivered() {
        Sent s = sendAccepted("HD7", SMSID);
        callback(s, DELIVERED);
        callback(s, SENT);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("DELIVERED");
        JsonNode late = lastEvent(s.id());
        assertThat(late.get("status").asText()).isEqualTo("SENT");
        assertThat(late.get("late").asBoolean()).isTrue();
    }

    @Test
    void a_contradicting_final_status_is_marked_conflict_and_the_first_final_wins() {
        Sent s = sendAccepted("HD8", SMSID);
        callback(s, DELIVERED);
        callback(s, FAILED);
        JsonNode m = message(s.id());
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(m.get("failureReason").isNull()).isTrue();
        assertThat(lastEvent(s.id()).get("conflict").asBoolean()).isTrue();
    }

    @Test
    void a_forged_token_is_refused_and_changes_nothing() {
        Sent s = sendAccepted("HD9", SMSID);
        String path = s.callbackPath();
        String forged = path.substring(0, path.length() - 3) + (path.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(server.rawGet(forged + "?" + DELIVERED)).isEqualTo(403);
        String otherMessage = path.replace("/callbacks/" + s.id() + "/", "/callbacks/" + (s.id() + 1) + "/");
        assertThat(server.rawGet(otherMessage + "?" + DELIVERED)).isEqualTo(403);
        assertThat(server.rawGet("/callbacks/" + s.id() + "?" + DELIVERED)).isEqualTo(404);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(events(s.id())).hasSize(2);
    }

    @Test
    void a_callback_with_another_smsid_is_refused_with_409_and_changes_nothing() {
        Sent s = sendAccepted("HD10", SMSID);
        assertThat(callback(s, DELIVERED.replace(SMSID, "someoneelse123"))).isEqualTo(409);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(events(s.id())).hasSize(2);
    }

    @Test
    void malformed_callbacks_get_400_and_change_nothing() {
        Sent s = sendAccepted("HD11", SMSID);
        assertThat(callback(s, "SendStatus=5&SendSuccess=1")).isEqualTo(400);
        assertThat(callback(s, "SMSID=" + SMSID + "&SendStatus=abc")).isEqualTo(400);
        assertThat(callback(s, "SMSID=" + SMSID + "&SendStatus=5&SendSuccess=x")).isEqualTo(400);
        assertThat(callback(s, "SMSID=" + "x".repeat(5000) + "&SendStatus=5")).isEqualTo(400);
        TestServer.Reply r = server.get(s.callbackPath() + "?SendStatus=5");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("SMSID");
        assertThat(events(s.id())).hasSize(2);
    }

    @Test
    void a_callback_posted_as_a_form_or_as_json_is_accepted() {
        Sent s = sendAccepted("HD12", SMSID);
        var form = new FormBody.Builder().add("SMSID", SMSID).add("SendStatus", "7").build();
        assertThat(server.call(new Request.Builder().url(server.url(s.callbackPath())).post(form)).status()).isEqualTo(200);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("SENT");
        String json = "{\"SMSID\":\"" + SMSID + "\",\"SendStatus\":5,\"SendSuccess\":1,\"SendFailed\":0}";
        var body = RequestBody.create(json, MediaType.get("application/json"));
        assertThat(server.call(new Request.Builder().url(server.url(s.callbackPath())).post(body)).status()).isEqualTo(200);
        assertThat(message(s.id()).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void a_callback_that_outruns_the_send_answer_lands_on_its_message_and_binds_the_smsid() throws Exception {
        // eSMS holds its answer while its callback arrives first
        esms.enqueue(new mockwebserver3.MockResponse.Builder().code(200).headersDelay(1500, TimeUnit.MILLISECONDS)
                .body("{\"CodeResult\":\"100\",\"CountRegenerate\":0,\"SMSID\":\"" + SMSID + "\"}").build());
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> server.send("HD13", body("0901888484", "rq-13")));
        JsonNode sentBody = takeEsmsBody();
        String path = TestServer.pathOf(sentBody.get("CallbackUrl").asText());
        assertThat(server.rawGet(path + "?" + SENT)).isEqualTo(200);
        TestServer.Reply reply = pending.get(10, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(201);
        long id = reply.json().get("id").asLong();
        JsonNode m = message(id);
        assertThat(m.get("status").asText()).isEqualTo("SENT");
        assertThat(m.get("smsId").asText()).isEqualTo(SMSID);
        JsonNode accepted = lastEvent(id);
        assertThat(accepted.get("type").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("late").asBoolean()).isTrue();
    }

    @Test
    void a_send_answer_with_a_different_smsid_than_an_early_callback_is_recorded_as_a_conflict() throws Exception {
        esms.enqueue(new mockwebserver3.MockResponse.Builder().code(200).headersDelay(1500, TimeUnit.MILLISECONDS)
                .body("{\"CodeResult\":\"100\",\"CountRegenerate\":0,\"SMSID\":\"otherid999\"}").build());
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> server.send("HD14", body("0901888484", "rq-14")));
        String path = TestServer.pathOf(takeEsmsBody().get("CallbackUrl").asText());
        assertThat(server.rawGet(path + "?" + SENT)).isEqualTo(200);
        long id = pending.get(10, TimeUnit.SECONDS).json().get("id").asLong();
        JsonNode m = message(id);
        assertThat(m.get("smsId").asText()).isEqualTo(SMSID);
        assertThat(m.get("status").asText()).isEqualTo("SENT");
        assertThat(lastEvent(id).get("conflict").asBoolean()).isTrue();
    }
}
