package tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * eSMS played by MockWebServer with state: sends are accepted with SMSIDs S1, S2 ...; GetCallback and
 * GetSendStatus answer from what a test put in {@link #callbackData} / {@link #sendStatus}. Every request is
 * kept with the real time it arrived, so tests can check batch sizes and rates from eSMS's side.
 */
public final class FakeEsms extends Dispatcher {
    /** One request as eSMS saw it. */
    public record Seen(long nanos, String call, String path, JsonNode body, String query) {}

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** SMSID → the Data_callback record GetCallback returns for it (absent: eSMS has no callback data). */
    public final Map<String, String> callbackData = new ConcurrentHashMap<>();
    /** SMSID → the GetSendStatus answer (absent: code 105, not found). */
    public final Map<String, String> sendStatus = new ConcurrentHashMap<>();
    /** Zalo message id (partnerids) → delivery time (epoch ms) for GetZaloMessageStatus; absent: not on the phone yet. */
    public final Map<String, Long> onPhone = new ConcurrentHashMap<>();
    /** Replaces every lookup answer when set, e.g. to play an outage or a credential refusal. */
    public volatile Function<String, MockResponse> lookupOverride;
    public volatile Function<JsonNode, MockResponse> sendOverride;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        long now = System.nanoTime();
        String path = r.getUrl().encodedPath();
        JsonNode body = null;
        try {
            body = r.getBody() == null || r.getBody().size() == 0 ? null : TestServer.JSON.readTree(r.getBody().utf8());
        } catch (IOException notJson) { /* keep null */ }
        String call = path.contains("SendZaloMessage") ? "send" : path.contains("GetSendStatus") ? "GetSendStatus"
                : path.contains("GetCallback") ? "GetCallback" : path.contains("GetZaloMessageStatus") ? "GetZaloMessageStatus"
                : "other";
        seen.add(new Seen(now, call, path, body, r.getUrl().query()));
        if (call.equals("other")) { // not an eSMS call this fake plays: answered at once, and the test fails
            unexpected.add(r.getMethod() + " " + path);
            return new MockResponse.Builder().code(500).body("FakeEsms does not play " + path).build();
        }
        if (call.equals("send")) {
            if (sendOverride != null) return sendOverride.apply(body);
            return EsmsTestBase.accepted("S" + ids.incrementAndGet());
        }
        if (lookupOverride != null) return lookupOverride.apply(call);
        if (call.equals("GetZaloMessageStatus")) {
            Long at = onPhone.get(body.path("MessageId").asText());
            return EsmsTestBase.json(at == null ? "{\"CodeResult\":\"100\",\"Data\":{\"status\":0,\"message\":\"on Zalo's server\"}}"
                    : "{\"CodeResult\":\"100\",\"Data\":{\"delivery_time\":\"" + at + "\",\"message\":\"The message was delivered "
                    + "to the user's phone\",\"status\":1},\"ErrorMessage\":\"success. \"}");
        }
        if (call.equals("GetSendStatus")) {
            String s = sendStatus.get(r.getUrl().queryParameter("RefId"));
            return EsmsTestBase.json(s != null ? s : "{\"CodeResponse\":\"105\",\"ErrorMessage\":\"SMSID not found\"}");
        }
        ObjectNode answer = TestServer.JSON.createObjectNode().put("Code", 100).put("Message", "Success");
        ArrayNode data = answer.putArray("Data_callback");
        for (JsonNode id : body.path("ListRefid")) {
            String d = callbackData.get(id.asText());
            if (d != null) {
                try {
                    data.add(TestServer.JSON.readTree(d));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return EsmsTestBase.json(answer.toString());
    }

    /** Requests for paths this fake does not play, as "METHOD /path"; EsmsTestBase fails a test that has any. */
    public List<String> unexpected() { return List.copyOf(unexpected); }

    public List<Seen> calls(String call) { return seen.stream().filter(s -> s.call().equals(call)).toList(); }

    /** A Data_callback record: delivered (5/1/0), failed with a Zalo error, or any SendStatus. */
    public static String data(String smsId, int sendStatus, int success, int failed, String errorInfo) {
        return "{\"SMSID\":\"" + smsId + "\",\"SendFailed\":" + failed + ",\"SendSuccess\":" + success + ",\"SendStatus\":"
                + sendStatus + ",\"TotalPrice\":" + (success > 0 ? "220.0" : "0.0") + ",\"TypeId\":27,\"Telcoid\":1,"
                + "\"PhoneNumber\":\"0901888484\",\"Partnerids\":\"p1\",\"ErrorInfo\":" + TestServer.JSON.valueToTree(errorInfo)
                + ",\"OAId\":\"4097311281936189049\",\"ZnsTempId\":\"540679\"}";
    }

    /** A GetSendStatus answer for one SMSID. */
    public static String status(String smsId, int sendStatus, int success, int failed) {
        return "{\"CodeResponse\":\"100\",\"SMSID\":\"" + smsId + "\",\"SendFailed\":" + failed + ",\"SendStatus\":"
                + sendStatus + ",\"SendSuccess\":" + success + ",\"TotalPrice\":850.0,\"TotalReceiver\":1,\"TotalSent\":1}";
    }
}
