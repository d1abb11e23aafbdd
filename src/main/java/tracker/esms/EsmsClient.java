package tracker.esms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Talks to eSMS's REST API. Never throws for eSMS's faults: they come back as {@link SendAnswer.Unreachable}. */
public final class EsmsClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_ANSWER_BYTES = 256 * 1024; // a GetCallback answer for 200 messages fits
    public static final int MAX_CALLBACK_LOOKUP = 200;

    /** The fields of one journey send, in eSMS's terms. */
    public record Send(String phone, List<String> params, String orderId, String templateId, String oaId,
                       String requestId, String campaignId, String callbackUrl, boolean sandbox) {}

    /** Told of every answer eSMS gave (or did not give): the call's name and eSMS's code, or "unreachable". */
    public interface Listener {
        void answered(String call, String code);
    }

    private final OkHttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String statusBaseUrl;
    private final String apiKey;
    private final String secretKey;
    private final Listener listener;

    public EsmsClient(OkHttpClient http, ObjectMapper json, String baseUrl, String statusBaseUrl, String apiKey,
                      String secretKey, Listener listener) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.statusBaseUrl = statusBaseUrl;
        this.apiKey = apiKey;
        this.secretKey = secretKey;
        this.listener = listener;
    }

    public SendAnswer send(Send s) {
        try (Response res = http.newCall(sendRequest(s)).execute()) {
            return told(sendAnswer(res));
        } catch (IOException e) {
            return told(unreachable(e));
        }
    }

    /** The same send without holding a thread while eSMS thinks: completes on OkHttp's dispatcher when it answers. */
    public CompletableFuture<SendAnswer> sendAsync(Send s) {
        CompletableFuture<SendAnswer> answer = new CompletableFuture<>();
        http.newCall(sendRequest(s)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) { answer.complete(told(unreachable(e))); }

            @Override
            public void onResponse(Call call, Response response) {
                try (Response res = response) {
                    answer.complete(told(sendAnswer(res)));
                } catch (IOException e) {
                    answer.complete(told(unreachable(e)));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        });
        return answer;
    }

    private SendAnswer told(SendAnswer a) {
        String code = a instanceof SendAnswer.Accepted ? "100" : a instanceof SendAnswer.Refused r ? r.code()
                : ((SendAnswer.Unreachable) a).code();
        listener.answered("send", code == null ? "unreachable" : code);
        return a;
    }

    /** GetSendStatus for one SMSID (eSMS keeps 7 days); code 105 is "not found (yet)". */
    public Lookup sendStatus(String smsId) {
        HttpUrl url = HttpUrl.get(baseUrl + "/MainService.svc/json/GetSendStatus").newBuilder()
                .addQueryParameter("RefId", smsId).addQueryParameter("ApiKey", apiKey)
                .addQueryParameter("SecretKey", secretKey).build();
        Lookup l = lookup(new Request.Builder().url(url).get().build(), "CodeResponse", null);
        listener.answered("GetSendStatus", l.code() == null ? "unreachable" : l.code());
        return l;
    }

    /** GetCallback: the callback data eSMS holds for up to 200 Zalo messages of one OA. */
    public Lookup callbacks(List<String> smsIds, String oaId) {
        if (smsIds.size() > MAX_CALLBACK_LOOKUP) throw new IllegalArgumentException("at most 200 SMSIDs per GetCallback");
        Map<String, Object> body = keys();
        body.put("ListRefid", smsIds);
        body.put("OAId", oaId);
        Lookup l = lookup(new Request.Builder().url(statusBaseUrl + "/ZaloCallback/GetCallback").post(jsonBody(body)).build(),
                "Code", "Data_callback");
        listener.answered("GetCallback", l.code() == null ? "unreachable" : l.code());
        return l;
    }

    /**
     * GetZaloMessageStatus: did the message with Zalo's id {@code messageId} reach the customer's phone? The one
     * item holds Data's fields: status 1 = on the phone at delivery_time (epoch ms), 0 = not yet, -1 = unknown.
     */
    public Lookup onPhone(String oaId, String messageId) {
        Map<String, Object> body = keys();
        body.put("OAID", oaId);
        body.put("MessageId", messageId);
        Lookup l = lookup(new Request.Builder().url(baseUrl + "/MainService.svc/json/GetZaloMessageStatus").post(jsonBody(body))
                .build(), "CodeResult", "Data");
        listener.answered("GetZaloMessageStatus", l.code() == null ? "unreachable" : l.code());
        return l;
    }

    /** GetBalance_json: the account's balance in VND, in the one item's "Balance". */
    public Lookup balance() {
        Map<String, Object> body = keys();
        Lookup l = lookup(new Request.Builder().url(baseUrl + "/MainService.svc/json/GetBalance_json").post(jsonBody(body))
                .build(), "CodeResponse", null);
        listener.answered("GetBalance", l.code() == null ? "unreachable" : l.code());
        return l;
    }

    /** ZNS/GetQuota: an OA's daily ZNS quota and what remains of it today ("DailyQuota", "RemainingQuota"). */
    public Lookup quota(String oaId) {
        Map<String, Object> body = keys();
        body.put("OAID", oaId);
        Lookup l = lookup(new Request.Builder().url(baseUrl + "/MainService.svc/json/ZNS/GetQuota/").post(jsonBody(body))
                .build(), "CodeResult", null);
        listener.answered("GetQuota", l.code() == null ? "unreachable" : l.code());
        return l;
    }

    /** A request body that starts with the account's keys, as every eSMS call does. */
    private Map<String, Object> keys() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ApiKey", apiKey);
        body.put("SecretKey", secretKey);
        return body;
    }

    private Lookup lookup(Request req, String codeField, String listField) {
        try (Response res = http.newCall(req).execute()) {
            String text = readCapped(res.body());
            JsonNode node = res.code() >= 500 ? null : parseObject(text);
            if (node == null || !node.hasNonNull(codeField)) {
                return Lookup.unreachable("eSMS answered HTTP " + res.code() + " without a JSON result");
            }
            String code = node.get(codeField).asText();
            if (!"100".equals(code)) return new Lookup(code, node.path("ErrorMessage").asText(node.path("Message").asText(null)), List.of());
            if (listField == null) return new Lookup(code, null, List.of(Lookup.flat(node)));
            List<Map<String, String>> items = new ArrayList<>();
            JsonNode list = node.path(listField);
            if (list.isObject()) items.add(Lookup.flat(list)); // one record rather than a list of them
            else for (JsonNode item : list) if (item.isObject()) items.add(Lookup.flat(item));
            return new Lookup(code, null, items);
        } catch (IOException e) {
            return Lookup.unreachable("eSMS could not be reached: " + e.getClass().getSimpleName());
        }
    }

    private RequestBody jsonBody(Object body) {
        try {
            return RequestBody.create(json.writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an eSMS request", e);
        }
    }

    private Request sendRequest(Send s) {
        Map<String, Object> body = keys();
        body.put("Phone", s.phone());
        body.put("Params", s.params());
        body.put("IsJourney", true); // a JSON boolean, as in eSMS's published sample
        body.put("OrderId", s.orderId());
        body.put("TempID", s.templateId());
        body.put("OAID", s.oaId());
        body.put("RequestId", s.requestId());
        if (s.campaignId() != null) body.put("campaignid", s.campaignId());
        body.put("CallbackUrl", s.callbackUrl());
        body.put("Sandbox", s.sandbox() ? "1" : "0");
        return new Request.Builder().url(baseUrl + "/MainService.svc/json/SendZaloMessage_V4_post_json/")
                .post(jsonBody(body)).build();
    }

    private SendAnswer sendAnswer(Response res) throws IOException {
        String text = readCapped(res.body());
        if (res.code() >= 500) return new SendAnswer.Unreachable("eSMS answered HTTP " + res.code(), null);
        JsonNode node = parseObject(text);
        if (node == null || !node.hasNonNull("CodeResult")) {
            return new SendAnswer.Unreachable("eSMS answered HTTP " + res.code() + " without a JSON result", null);
        }
        String code = node.get("CodeResult").asText();
        String message = node.path("ErrorMessage").asText(null);
        if ("100".equals(code)) {
            String smsId = node.path("SMSID").asText("");
            if (smsId.isBlank() || smsId.length() > 100) {
                return new SendAnswer.Unreachable("eSMS accepted without a usable SMSID", code);
            }
            return new SendAnswer.Accepted(smsId, text);
        }
        if ("160".equals(code)) return new SendAnswer.Unreachable(EsmsCodes.describe(code, message), code);
        return new SendAnswer.Refused(code, message, text);
    }

    private static SendAnswer unreachable(IOException e) {
        return new SendAnswer.Unreachable("eSMS could not be reached: " + e.getClass().getSimpleName(), null);
    }

    private JsonNode parseObject(String text) {
        try {
            JsonNode n = json.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads at most 256 KiB: a huge answer from a misbehaving gateway must not fill our memory. */
    static String readCapped(ResponseBody body) throws IOException {
        if (body == null) return "";
        var source = body.source();
        source.request(MAX_ANSWER_BYTES + 1L);
        long n = Math.min(source.getBuffer().size(), MAX_ANSWER_BYTES);
        return source.getBuffer().readUtf8(n);
    }
}
