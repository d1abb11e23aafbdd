package tracker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The account side of eSMS: GetBalance_json, ZNS/GetQuota and GetZaloMessageStatus, and a switch on the simulator's own
 * port ({@code POST /simulator/account {"balance": 0}}) to play an empty account: sends then answer 103.
 */
final class AccountEndpoints {
    static final String BALANCE_PATH = "/MainService.svc/json/GetBalance_json";
    static final String QUOTA_PATH = "/MainService.svc/json/ZNS/GetQuota";
    static final String PHONE_PATH = "/MainService.svc/json/GetZaloMessageStatus";
    static final String SWITCH_PATH = "/simulator/account";
    static final long DAILY_QUOTA = 5_000;
    /** A sample-like balance in VND: enough for the quickstart, small enough to watch it fall. */
    static final long START_BALANCE = 2_000_000;

    private final SimulatorSettings settings;
    private final MessageStore store;
    private final AtomicLong balance = new AtomicLong(START_BALANCE);

    AccountEndpoints(SimulatorSettings settings, MessageStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** False once the balance is used up: sends are refused with 103 until it is topped up. */
    boolean canPay() { return balance.get() > 0; }

    /** A delivered journey message is charged like eSMS's samples show. */
    void charge(double price) { balance.updateAndGet(b -> Math.max(0, b - (long) price)); }

    void getBalance(Context ctx) {
        JsonNode body = Json.objectOrNull(ctx.body());
        if (refusedKeys(ctx, body, "CodeResponse")) return;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Balance", balance.get());
        answer.put("CodeResponse", "100");
        answer.put("UserID", 9999);
        Json.answer(ctx, answer);
    }

    void getQuota(Context ctx) {
        JsonNode body = Json.objectOrNull(ctx.body());
        if (refusedKeys(ctx, body, "CodeResult")) return;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("CodeResult", "100");
        answer.put("DailyQuota", DAILY_QUOTA);
        answer.put("RemainingQuota", Math.max(0, DAILY_QUOTA - store.acceptedFor(Json.text(body, "OAID"))));
        Json.answer(ctx, answer);
    }

    /** Status 1 with the delivery time for a delivered message, -1 for an id nobody knows (as eSMS's table says). */
    void getZaloMessageStatus(Context ctx) {
        JsonNode body = Json.objectOrNull(ctx.body());
        if (refusedKeys(ctx, body, "CodeResult")) return;
        Map<String, Object> answer = new LinkedHashMap<>();
        Long at = store.deliveredAt(Json.text(body, "MessageId"));
        Map<String, Object> data = new LinkedHashMap<>();
        if (at != null) data.put("delivery_time", String.valueOf(at));
        data.put("message", at != null ? "The message was delivered to the user's phone" : "Message not found");
        data.put("status", at != null ? 1 : -1);
        answer.put("CodeResult", "100");
        answer.put("Data", data);
        answer.put("ErrorMessage", "success. ");
        Json.answer(ctx, answer);
    }

    /** {@code {"balance": n}} on the simulator's loopback port: plays a top-up, or an empty account with 0. */
    void setAccount(Context ctx) {
        JsonNode body = Json.objectOrNull(ctx.body());
        JsonNode b = body == null ? null : body.get("balance");
        if (b == null || !b.canConvertToLong() || b.asLong() < 0) {
            ctx.status(400).result("{\"error\":\"send {\\\"balance\\\": <VND, 0 or more>}\"}");
            return;
        }
        balance.set(b.asLong());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("balance", balance.get());
        Json.answer(ctx, answer);
    }

    /** Answers 101 in the call's own code field when the keys are wrong; true when it did. */
    private boolean refusedKeys(Context ctx, JsonNode body, String codeField) {
        if (keysMatch(body)) return false;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(codeField, "101");
        answer.put("ErrorMessage", "Authorize Failed");
        Json.answer(ctx, answer);
        return true;
    }

    private boolean keysMatch(JsonNode body) {
        return body != null && settings.apiKey().equals(Json.text(body, "ApiKey"))
                && settings.secretKey().equals(Json.text(body, "SecretKey"));
    }
}
