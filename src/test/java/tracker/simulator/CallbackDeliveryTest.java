package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CallbackDeliveryTest extends SimulatorTestBase {
    static final Duration WITHIN = Duration.ofSeconds(3);
    static final List<String> FIELD_ORDER = List.of("SMSID", "SendFailed", "SendStatus", "SendSuccess", "TotalPrice",
            "TotalReceiver", "TotalSent", "RequestId", "TypeId", "telcoid", "phonenumber", "error_info", "oaid",
            "tempid", "partnerids");

    String accept(String phone) throws Exception {
        JsonNode answer = send(sim, sendBody(phone, receiver.url("/esms/cb/tok-123").toString()));
        assertThat(answer.path("CodeResult").asText()).isEqualTo("100");
        return answer.path("SMSID").asText();
    }

    @Test
    void accepted_send_is_called_back_with_7_then_5_delivered_as_get_with_every_field() throws Exception {
        Map<String, Object> body = sendBody("0901230100", receiver.url("/esms/cb/tok-123").toString());
        body.put("RequestId", "journey-9/step 2");
        String smsId = send(sim, body).path("SMSID").asText();
        List<RecordedRequest> got = take(receiver, 2, WITHIN);

        for (RecordedRequest r : got) {
            assertThat(r.getMethod()).isEqualTo("GET");
            assertThat(r.getTarget()).startsWith("/esms/cb/tok-123?SMSID=" + smsId + "&");
            assertThat(rawQuery(r.getTarget()).keySet()).containsExactlyElementsOf(FIELD_ORDER);
        }
        Map<String, String> sent = rawQuery(got.get(0).getTarget());
        Map<String, String> done = rawQuery(got.get(1).getTarget());
        assertThat(sent).containsEntry("SendStatus", "7").containsEntry("SendSuccess", "0")
                .containsEntry("TotalPrice", "0.0000").containsEntry("error_info", "");
        assertThat(done).containsEntry("SendStatus", "5").containsEntry("SendSuccess", "1")
                .containsEntry("SendFailed", "0").containsEntry("TotalPrice", "220.0000")
                .containsEntry("TotalReceiver", "1").containsEntry("TotalSent", "1").containsEntry("TypeId", "27")
                .containsEntry("telcoid", "2").containsEntry("phonenumber", "0901230100")
                .containsEntry("oaid", "1397492183140006179").containsEntry("tempid", "2056446");
        assertThat(decodeUntilStable(done.get("RequestId"))).isEqualTo("journey-9/step 2");
        assertThat(done.get("partnerids")).matches("[0-9a-f]{20}");
        JsonNode info = errorInfoJson(done.get("error_info"));
        assertThat(info.path("error").asInt(-1)).isZero();
        assertThat(info.path("data").path("message_id").asText()).isEqualTo(done.get("partnerids"));
    }

    @Test
    void numbers_ending_0114_and_0124_fail_with_those_zalo_errors() throws Exception {
        String a = accept("0901230114");
        String b = accept("0901230124");
        List<RecordedRequest> got = take(receiver, 4, WITHIN);
        Map<String, String> finalA = finalOf(got, a);
        Map<String, String> finalB = finalOf(got, b);
        for (Map<String, String> f : List.of(finalA, finalB)) {
            assertThat(f).containsEntry("SendStatus", "5").containsEntry("SendFailed", "1")
                    .containsEntry("SendSuccess", "0").containsEntry("TotalPrice", "0.0000");
        }
        assertThat(errorInfoJson(finalA.get("error_info"))).isEqualTo(JSON.readTree(MessageStatus.ERROR_114));
        assertThat(errorInfoJson(finalB.get("error_info")).path("error").asInt()).isEqualTo(-124);
        assertThat(errorInfoJson(finalB.get("error_info")).path("message").asText()).isEqualTo("Access token is invalid");
    }

    @Test
    void number_ending_0004_is_rejected_with_status_4_only() throws Exception {
        String smsId = accept("0901230004");
        Map<String, String> q = rawQuery(take(receiver, 1, WITHIN).get(0).getTarget());
        assertThat(q).containsEntry("SMSID", smsId).containsEntry("SendStatus", "4")
                .containsEntry("SendSuccess", "0").containsEntry("TotalPrice", "0.0000");
        awaitSettled(sim); // every step has played: a second callback would have gone out
        assertThat(receiver.getRequestCount()).isEqualTo(1);
    }

    @Test
    void number_ending_0012_reports_1_and_2_before_7_and_5() throws Exception {
        accept("0901230012");
        List<String> statuses = new ArrayList<>();
        for (RecordedRequest r : take(receiver, 4, WITHIN)) statuses.add(rawQuery(r.getTarget()).get("SendStatus"));
        assertThat(statuses).containsExactly("1", "2", "7", "5");
    }

    @Test
    void error_info_comes_in_all_three_encodings_that_decode_to_the_same_json() throws Exception {
        List<String> ids = List.of(accept("0901230114"), accept("0901230114"), accept("0901230114"));
        List<RecordedRequest> got = take(receiver, 6, WITHIN);
        List<String> raws = new ArrayList<>();
        for (String id : ids) raws.add(finalOf(got, id).get("error_info"));

        assertThat(raws).anySatisfy(r -> assertThat(r).startsWith("%257B%2522error%2522").contains("____"))
                .anySatisfy(r -> assertThat(r).startsWith("{%22error%22%3A-114").endsWith("}"))
                .anySatisfy(r -> assertThat(r).startsWith("%22{%5C%22error%5C%22%3A-114").endsWith("}%22"));
        for (String raw : raws) {
            assertThat(errorInfoJson(raw)).isEqualTo(JSON.readTree(MessageStatus.ERROR_114));
        }
    }

    static Map<String, String> finalOf(List<RecordedRequest> got, String smsId) {
        return got.stream().map(r -> rawQuery(r.getTarget()))
                .filter(q -> q.get("SMSID").equals(smsId) && q.get("SendStatus").equals("5"))
                .findFirst().orElseThrow();
    }
}
