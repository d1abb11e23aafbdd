package tracker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays a few realistic order journeys through the service's public API (./run.sh demo). With the simulator on,
 * the phone numbers pick the outcomes: delivered, Zalo failures, duplicates, out-of-order, lost callbacks.
 */
public final class Demo {
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final List<String[]> STEPS = List.of(
            new String[] {"540679", "order confirmed"}, new String[] {"540680", "packed"},
            new String[] {"540681", "shipped"}, new String[] {"540682", "delivered"});

    record Order(String orderId, String customer, String phone, int steps) {}

    static final List<Order> ORDERS = List.of(
            new Order("DEMO-1001", "Nguyễn Văn An", "0901000100", 4),
            new Order("DEMO-1002", "Trần Thị Bình", "0912000114", 3),
            new Order("DEMO-1003", "Lê Hoàng Cường", "0987000222", 4),
            new Order("DEMO-1004", "Phạm Thu Dung", "+84903000555", 3),
            new Order("DEMO-1005", "Võ Minh Em", "84935000124", 3),
            new Order("DEMO-1006", "Đặng Quốc Gia", "0977000012", 4),
            new Order("DEMO-1007", "Bùi Thị Hạnh", "0868000777", 3));

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String token;

    public Demo(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:7070";
        new Demo(base, System.getenv("API_TOKEN")).play(Duration.ofMillis(1200));
    }

    /** Sends every order's steps round by round, {@code pause} apart, and returns the order ids. */
    public List<String> play(Duration pause) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            for (Order o : ORDERS) {
                if (step >= o.steps()) continue;
                String[] s = STEPS.get(step);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("phone", o.phone());
                body.put("templateId", s[0]);
                body.put("params", List.of(o.customer(), o.orderId(), s[1]));
                body.put("requestId", o.orderId() + "-" + (step + 1));
                body.put("campaignId", "demo");
                JsonNode answer = post("/api/journeys/" + o.orderId() + "/messages", json.writeValueAsString(body));
                System.out.printf("demo: %-10s %-16s -> %s%n", o.orderId(), s[1], answer.path("status").asText("?"));
                if (!ids.contains(o.orderId())) ids.add(o.orderId());
            }
            Thread.sleep(pause.toMillis());
        }
        System.out.println("demo: done. Look at " + baseUrl + "/api/journeys and " + baseUrl + "/api/journeys/DEMO-1001");
        return ids;
    }

    private JsonNode post(String path, String body) throws IOException {
        Request.Builder req = new Request.Builder().url(baseUrl + path).post(RequestBody.create(body, JSON_TYPE));
        if (token != null && !token.isBlank()) req.header("Authorization", "Bearer " + token);
        try (Response res = http.newCall(req.build()).execute()) {
            String text = res.body().string();
            if (res.code() >= 400) throw new IOException("demo: " + path + " answered " + res.code() + ": " + text);
            return json.readTree(text);
        }
    }
}
