package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Shared helpers: real HTTP to the simulator, a MockWebServer playing the receiving service. */
final class SimTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType JSON_TYPE = MediaType.get("application/json");
    static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3))
            .callTimeout(Duration.ofSeconds(5)).build();

    private SimTestSupport() {
    }

    /** Short delays and no randomness: only magic numbers misbehave. */
    static SimulatorSettings fast() {
        return SimulatorSettings.quiet().withSeed(42)
                .withDelays(Duration.ofMillis(40), Duration.ofMillis(120))
                .withCallbackTimeout(Duration.ofMillis(250));
    }

    static Map<String, Object> sendBody(String phone, String callbackUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ApiKey", "sim-api-key");
        body.put("SecretKey", "sim-secret-key");
        body.put("Phone", phone);
        body.put("Params", List.of("Nguyen Van A", "12345"));
        body.put("IsJourney", true);
        body.put("OrderId", "journey-1");
        body.put("TempID", "2056446");
        body.put("OAID", "1397492183140006179");
        body.put("RequestId", "req-" + System.nanoTime());
        body.put("campaignid", "test");
        if (callbackUrl != null) body.put("CallbackUrl", callbackUrl);
        body.put("Sandbox", "0");
        return body;
    }

    static JsonNode send(EsmsSimulator sim, Map<String, Object> body) throws IOException {
        return postRaw(sim.baseUrl() + EsmsSimulator.SEND_PATH, JSON.writeValueAsString(body));
    }

    static JsonNode postRaw(String url, String body) throws IOException {
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE)).build();
        try (Response response = HTTP.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return JSON.readTree(response.body().string());
        }
    }

    static JsonNode get(String url) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return JSON.readTree(response.body().string());
        }
    }

    static JsonNode sendStatus(EsmsSimulator sim, String smsId) throws IOException {
        return get(sim.baseUrl() + EsmsSimulator.SEND_STATUS_PATH + "?RefId=" + smsId
                + "&ApiKey=sim-api-key&SecretKey=sim-secret-key");
    }

    static JsonNode getCallback(EsmsSimulator sim, List<String> ids) throws IOException {
        Map<String, Object> body = Map.of("ApiKey", "sim-api-key", "SecretKey", "sim-secret-key",
                "ListRefid", ids, "OAId", "1397492183140006179");
        return postRaw(sim.baseUrl() + EsmsSimulator.GET_CALLBACK_PATH, JSON.writeValueAsString(body));
    }

    static void answerEverything(MockWebServer server, int code) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(code).build();
            }
        });
    }

    /** Takes exactly {@code n} requests, failing if they don't arrive within the deadline. */
    static List<RecordedRequest> take(MockWebServer server, int n, Duration within) throws InterruptedException {
        List<RecordedRequest> got = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (got.size() < n) {
            long left = deadline - System.nanoTime();
            RecordedRequest r = left > 0 ? server.takeRequest(left, TimeUnit.NANOSECONDS) : null;
            assertThat(r).as("callback %d of %d", got.size() + 1, n).isNotNull();
            got.add(r);
        }
        return got;
    }

    static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Waits until every step has played and every callback ended: after it, nothing more goes out. */
    static void awaitSettled(EsmsSimulator sim) throws InterruptedException {
        await(sim::callbacksSettled, Duration.ofSeconds(20));
    }

    /** The raw query of a request target, as ordered name → still-encoded value. */
    static Map<String, String> rawQuery(String target) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    static String decodeUntilStable(String text) {
        String previous;
        do {
            previous = text;
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        } while (!text.equals(previous));
        return text;
    }

    /** What a careful receiver does: decode until stable, drop the trailing ____timestamp, unquote, parse. */
    static JsonNode errorInfoJson(String raw) throws IOException {
        String text = decodeUntilStable(raw);
        int junk = text.indexOf("____");
        if (junk >= 0) text = text.substring(0, junk);
        if (text.startsWith("\"")) text = JSON.readValue(text, String.class);
        return JSON.readTree(text);
    }
}
