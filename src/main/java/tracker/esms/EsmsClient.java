package tracker.esms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Talks to eSMS's REST API. Never throws for eSMS's faults: they come back as {@link SendAnswer.Unreachable}. */
public final class EsmsClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** The fields of one journey send, in eSMS's terms. */
    public record Send(String phone, List<String> params, String orderId, String templateId, String oaId,
                       String requestId, String campaignId, String callbackUrl, boolean sandbox) {}

    private final OkHttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String apiKey;
    private final String secretKey;

    public EsmsClient(OkHttpClient http, ObjectMapper json, String baseUrl, String apiKey, String secretKey) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.secretKey = secretKey;
    }

    public SendAnswer send(Send s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ApiKey", apiKey);
        body.put("SecretKey", secretKey);
        body.put("Phone", s.phone());
        body.put("Params", s.params());
        body.put("IsJourney", "true");
        body.put("OrderId", s.orderId());
        body.put("TempID", s.templateId());
        body.put("OAID", s.oaId());
        body.put("RequestId", s.requestId());
        if (s.campaignId() != null) body.put("campaignid", s.campaignId());
        body.put("CallbackUrl", s.callbackUrl());
        body.put("Sandbox", s.sandbox() ? "1" : "0");
        Request req;
        try {
            req = new Request.Builder().url(baseUrl + "/MainService.svc/json/SendZaloMessage_V4_post_json/")
                    .post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an eSMS request", e);
        }
        try (Response res = http.newCall(req).execute()) {
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
        } catch (IOException e) {
            return new SendAnswer.Unreachable("eSMS could not be reached: " + e.getClass().getSimpleName(), null);
        }
    }

    private JsonNode parseObject(String text) {
        try {
            JsonNode n = json.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads at most 64 KiB: a huge answer from a misbehaving gateway must not fill our memory. */
    static String readCapped(ResponseBody body) throws IOException {
        if (body == null) return "";
        var source = body.source();
        source.request(MAX_ANSWER_BYTES + 1L);
        long n = Math.min(source.getBuffer().size(), MAX_ANSWER_BYTES);
        return source.getBuffer().readUtf8(n);
    }
}
