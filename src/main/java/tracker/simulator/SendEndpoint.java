package tracker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /MainService.svc/json/SendZaloMessage_V4_post_json/}: validates like eSMS, then plays the message's life. */
final class SendEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SendEndpoint.class);
    private static final Map<String, String> MESSAGES = Map.of(
            "99", "Phone number is blocked", "101", "Authorize Failed", "103", "Balance not enough",
            "108", "Phone number is invalid", "124", "Duplicate RequestId", "160", "Rate limit exceeded",
            "789", "Template is not configured for this OAID", "791", "OAID or TempID is missing",
            "799", "OAID is inactive, wrong or not added to the account");

    private final SimulatorSettings settings;
    private final MessageStore store;
    private final CallbackScheduler scheduler;
    private final Random outcomeRandom;
    private final AtomicLong accepted = new AtomicLong();
    private final RateLimiter rateLimiter;
    private final AccountEndpoints account;

    SendEndpoint(SimulatorSettings settings, MessageStore store, CallbackScheduler scheduler, AccountEndpoints account) {
        this.settings = settings;
        this.account = account;
        this.rateLimiter = new RateLimiter(20, settings.nanoTime());
        this.store = store;
        this.scheduler = scheduler;
        this.outcomeRandom = new Random(settings.seed());
    }

    @SuppressWarnings("unchecked")
    void handle(Context ctx) {
        JsonNode body = Json.objectOrNull(ctx.body());
        if (body == null) {
            // eSMS can't read the keys out of an unreadable body, so it can only refuse authorization
            refuse(ctx, "101");
            return;
        }
        store.recordReceived(Json.MAPPER.convertValue(body, LinkedHashMap.class));
        boolean sandbox = isTrue(Json.text(body, "Sandbox"));
        Optional<String> refusal = check(body, sandbox);
        if (refusal.isPresent()) {
            LOG.info("send refused with {}", refusal.get());
            refuse(ctx, refusal.get());
            return;
        }
        String smsId = newSmsId();
        if (!sandbox) accept(smsId, body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("CodeResult", "100");
        answer.put("CountRegenerate", 0);
        answer.put("SMSID", smsId);
        Json.answer(ctx, answer);
    }

    private Optional<String> check(JsonNode body, boolean sandbox) {
        if (!settings.apiKey().equals(Json.text(body, "ApiKey"))
                || !settings.secretKey().equals(Json.text(body, "SecretKey"))) {
            return Optional.of("101");
        }
        if (!rateLimiter.tryAcquire()) return Optional.of("160");
        if (!account.canPay()) return Optional.of("103"); // the account switch played an empty balance
        String phone = Json.text(body, "Phone");
        if (!Phones.valid(phone)) return Optional.of("108");
        if (Json.text(body, "TempID").isBlank() || Json.text(body, "OAID").isBlank()) return Optional.of("791");
        Optional<String> byNumber = Outcomes.refusalCode(phone);
        if (byNumber.isPresent()) return byNumber;
        String requestId = Json.text(body, "RequestId");
        if (!requestId.isEmpty()) {
            // a sandbox send validates the RequestId but must not use it up
            boolean duplicate = sandbox ? store.requestIdSeen(requestId) : !store.claimRequestId(requestId);
            if (duplicate) return Optional.of("124");
        }
        return Optional.empty();
    }

    private void accept(String smsId, JsonNode body) {
        String phone = Json.text(body, "Phone");
        Outcomes.Outcome outcome;
        synchronized (outcomeRandom) {
            outcome = Outcomes.pick(phone, outcomeRandom, settings);
        }
        // Zalo's message id exists only for messages Zalo delivered (empty in eSMS's failure samples)
        String partnerId = outcome.result() == Outcomes.Result.DELIVERED
                ? UUID.randomUUID().toString().replace("-", "").substring(0, 20) : "";
        Message message = new Message(smsId, phone, Json.text(body, "OAID"), Json.text(body, "TempID"),
                Json.text(body, "RequestId"), Json.text(body, "CallbackUrl"), partnerId, Phones.telcoId(phone),
                ErrorInfoEncoding.forIndex(accepted.getAndIncrement()), outcome,
                new AtomicReference<>(MessageStatus.accepted()));
        store.put(message);
        if (outcome.result() == Outcomes.Result.DELIVERED) account.charge(MessageStatus.JOURNEY_PRICE);
        LOG.info("send accepted: {} outcome {}", smsId, outcome);
        scheduler.schedule(message);
    }

    private static void refuse(Context ctx, String code) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("CodeResult", code);
        answer.put("CountRegenerate", 0);
        answer.put("ErrorMessage", MESSAGES.get(code));
        Json.answer(ctx, answer);
    }

    private static boolean isTrue(String flag) {
        return flag.equals("1") || flag.equalsIgnoreCase("true");
    }

    /** eSMS's shape: 32 lowercase hex digits then 3 decimal digits. */
    private static String newSmsId() {
        return UUID.randomUUID().toString().replace("-", "")
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
    }
}
