package tracker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GetSendStatus and GetCallback: they report each message's truth, including messages whose callbacks were lost. */
final class LookupEndpoints {
    static final int MAX_REFIDS = 200;
    private final SimulatorSettings settings;
    private final MessageStore store;
    private final RateLimiter getCallbackLimiter;

    LookupEndpoints(SimulatorSettings settings, MessageStore store) {
        this.settings = settings;
        this.getCallbackLimiter = new RateLimiter(20, settings.nanoTime());
        this.store = store;
    }

    /** {@code GET /MainService.svc/json/GetSendStatus?RefId=..&ApiKey=..&SecretKey=..} */
    void getSendStatus(Context ctx) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!keysMatch(ctx.queryParam("ApiKey"), ctx.queryParam("SecretKey"))) {
            answer.put("CodeResponse", "101");
            answer.put("ErrorMessage", "Authorize Failed");
            Json.answer(ctx, answer);
            return;
        }
        String refId = Optional.ofNullable(ctx.queryParam("RefId")).orElse("");
        Optional<Message> found = store.get(refId);
        if (found.isEmpty()) {
            answer.put("CodeResponse", "105");
            answer.put("ErrorMessage", "SMSID not found");
            Json.answer(ctx, answer);
            return;
        }
        MessageStatus s = found.get().current();
        answer.put("CodeResponse", "100");
        answer.put("SMSID", refId);
        answer.put("SendFailed", s.sendFailed());
        answer.put("SendStatus", s.sendStatus());
        answer.put("SendSuccess", s.sendSuccess());
        answer.put("TotalPrice", s.totalPrice());
        answer.put("TotalReceiver", 1);
        answer.put("TotalSent", s.totalSent());
        Json.answer(ctx, answer);
    }

    /** {@code POST /ZaloCallback/GetCallback} with {@code {"ApiKey","SecretKey","ListRefid":[..],"OAId"}}. */
    void getCallback(Context ctx) {
        JsonNode body = Json.objectOrNull(ctx.body());
        if (body == null || !keysMatch(Json.text(body, "ApiKey"), Json.text(body, "SecretKey"))) {
            Json.answer(ctx, codeOnly(101, "Authorize Failed"));
            return;
        }
        if (!getCallbackLimiter.tryAcquire()) {
            Json.answer(ctx, codeOnly(160, "Rate limit exceeded: 20 requests per second"));
            return;
        }
        JsonNode ids = body.path("ListRefid");
        if (ids.size() > MAX_REFIDS) {
            Json.answer(ctx, codeOnly(400, "ListRefid has more than " + MAX_REFIDS + " items"));
            return;
        }
        String oaId = Json.text(body, "OAId");
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode id : ids) {
            store.get(id.asText())
                    .filter(m -> m.hasCallbackUrl() && m.current().rank() > 0)
                    .filter(m -> oaId.isBlank() || oaId.equals(m.oaId()))
                    .ifPresent(m -> data.add(callbackData(m)));
        }
        Map<String, Object> answer = codeOnly(100, "Success");
        answer.put("Data_callback", data);
        Json.answer(ctx, answer);
    }

    private static Map<String, Object> callbackData(Message m) {
        MessageStatus s = m.current();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("SMSID", m.smsId());
        d.put("SendFailed", s.sendFailed());
        d.put("SendSuccess", s.sendSuccess());
        d.put("SendStatus", s.sendStatus());
        d.put("TotalPrice", s.totalPrice());
        d.put("TypeId", 27);
        d.put("Telcoid", m.telcoId().isEmpty() ? null : Integer.parseInt(m.telcoId()));
        d.put("PhoneNumber", m.phone());
        d.put("Partnerids", s.rank() >= 3 ? m.partnerId() : "");
        d.put("ErrorInfo", s.errorInfo());
        d.put("OAId", m.oaId());
        d.put("ZnsTempId", m.tempId());
        return d;
    }

    private static Map<String, Object> codeOnly(int code, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Code", code);
        answer.put("Message", message);
        return answer;
    }

    private boolean keysMatch(String apiKey, String secretKey) {
        return settings.apiKey().equals(apiKey) && settings.secretKey().equals(secretKey);
    }
}
