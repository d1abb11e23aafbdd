package tracker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tracker.EsmsTestBase;
import tracker.TestServer;

/**
 * Real answers of every endpoint, successes and errors, checked against /openapi.json (see {@link Checked}): a
 * field renamed or added in the code, or a status the description does not list, fails here.
 */
class AnswersMatchDescriptionTest extends EsmsTestBase {
    private static final List<String> OPERATIONS = new ArrayList<>();
    private static final AtomicInteger PASSING = new AtomicInteger();
    private Checked api;

    @BeforeEach
    void client() {
        api = new Checked(server);
        if (OPERATIONS.isEmpty()) OPERATIONS.addAll(new Description(server.get("/openapi.json").body()).operations());
    }

    private static String send(String requestId, String phone) {
        return "{\"phone\":\"" + phone + "\",\"templateId\":\"540679\",\"params\":[\"Nguyễn Văn A\",\"HD1\"],"
                + "\"requestId\":\"" + requestId + "\"}";
    }

    @Test
    void sends_and_reads_answer_as_described() {
        esms.enqueue(accepted("sms-1"));
        Checked.Answer sent = api.post("/api/journeys/HD1/messages", send("r1", "0901888484"));
        assertThat(sent.status()).isEqualTo(201);
        long id = sent.json().get("id").asLong();
        assertThat(api.post("/api/journeys/HD1/messages", send("r1", "0901888484")).status()).isEqualTo(200);
        assertThat(api.post("/api/journeys/HD1/messages", send("r1", "0901888485")).status()).isEqualTo(409);
        esms.enqueue(refused("789", "Template not exists"));
        assertThat(api.post("/api/messages", "{\"orderId\":\"HD/2026/1\",\"phone\":\"0901888484\",\"templateId\":\"1\","
                + "\"params\":[]}").json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(api.post("/api/messages", "{\"phone\":\"0901888484\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/journeys/HD1/messages", "{\"phone\":\"12\",\"templateId\":\"1\",\"params\":[]}").status())
                .isEqualTo(400);
        assertThat(api.call(api.request("/api/messages").post(RequestBody.create("{}", MediaType.get("text/plain"))), false)
                .status()).isEqualTo(415);
        assertThat(api.call(api.request("/api/journeys").header("Authorization", "Bearer wrong"), true).status())
                .isEqualTo(401);

        assertThat(api.get("/api/journeys/HD1").status()).isEqualTo(200);
        assertThat(api.get("/api/journey?orderId=HD%2F2026%2F1").status()).isEqualTo(200);
        assertThat(api.get("/api/journeys/HD404").status()).isEqualTo(404);
        assertThat(api.get("/api/journey").status()).isEqualTo(400);
        assertThat(api.get("/api/journeys?q=HD").json().get("journeys")).hasSize(2);
        assertThat(api.get("/api/journeys?status=LOST").status()).isEqualTo(400);
        assertThat(api.get("/api/messages/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/messages/99999").status()).isEqualTo(404);
        assertThat(api.get("/api/messages?stuckFor=PT0S&limit=1").status()).isEqualTo(200);
        assertThat(api.get("/api/messages?stuckFor=soon").status()).isEqualTo(400);
    }

    @Test
    void callbacks_answer_as_described() {
        esms.enqueue(accepted("sms-2"));
        assertThat(api.post("/api/journeys/HD2/messages", send("r2", "0901888484")).status()).isEqualTo(201);
        String path = TestServer.pathOf(takeEsmsBody().get("CallbackUrl").asText());

        assertThat(api.get(path + "?SMSID=sms-2&SendStatus=7").status()).isEqualTo(200);
        FormBody form = new FormBody.Builder().add("SMSID", "sms-2").add("SendStatus", "5").add("SendSuccess", "1").build();
        assertThat(api.call(api.request(path).post(form), true).json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(api.call(api.request(path.replaceAll("[^/]+$", "A".repeat(43)) + "?SendStatus=7").get(), true).status())
                .isEqualTo(403);
        assertThat(api.call(api.request("/callbacks/abc/" + "A".repeat(43)).get(), true).status()).isEqualTo(404);
        assertThat(api.call(api.request(path + "?SMSID=other&SendStatus=7").get(), true).status()).isEqualTo(409);
        assertThat(api.call(api.request(path).post(RequestBody.create("[1]", Checked.JSON)), true).status()).isEqualTo(400);
        assertThat(api.call(api.request(path).post(RequestBody.create("x", MediaType.get("text/plain"))), true).status())
                .isEqualTo(415);

        esmsDown(); // nine days on, nothing may reach eSMS unplanned
        server.clock.advance(Duration.ofDays(9));
        assertThat(api.call(api.request(path + "?SMSID=sms-2&SendStatus=5&SendSuccess=1").get(), true).status())
                .isEqualTo(410);
    }

    @Test
    void resends_cancels_and_refreshes_answer_as_described() {
        esms.enqueue(refused("789", "Template not exists"));
        long rejected = api.post("/api/journeys/HD3/messages", send("r3", "0901888484")).json().get("id").asLong();
        esms.enqueue(refused("789", "Template not exists"));
        long other = api.post("/api/journeys/HD3/messages", send("r4", "0901888484")).json().get("id").asLong();

        assertThat(api.post("/api/messages/" + rejected + "/refresh", "").status()).as("final: nothing to ask").isEqualTo(200);
        assertThat(api.post("/api/messages/" + rejected + "/resend", "{\"confirmDuplicateRisk\":\"yes\"}").status())
                .isEqualTo(400);
        esms.enqueue(accepted("sms-3"));
        Checked.Answer resent = api.call(api.request("/api/messages/" + rejected + "/resend").post(RequestBody.create(new byte[0])), false);
        assertThat(resent.status()).isEqualTo(201);
        long resend = resent.json().get("id").asLong();
        assertThat(api.post("/api/messages/" + rejected + "/resend", "{}").status()).isEqualTo(409);
        assertThat(api.post("/api/messages/99999/resend", "{}").status()).isEqualTo(404);
        esms.enqueue(accepted("sms-4"));
        var results = api.post("/api/messages/resend", "{\"ids\":[" + other + "," + rejected + "]}").json().get("results");
        assertThat(results.get(0).has("message")).isTrue();
        assertThat(results.get(1).get("error").asText()).isNotEmpty();
        assertThat(api.post("/api/messages/resend", "{\"ids\":[]}").status()).isEqualTo(400);

        assertThat(api.delete("/api/messages/" + resend).status()).as("eSMS has it").isEqualTo(409);
        assertThat(api.delete("/api/messages/99999").status()).isEqualTo(404);
        esmsDown();
        assertThat(api.post("/api/messages/" + resend + "/refresh", "").status()).isEqualTo(503);
        Checked.Answer queued = api.post("/api/journeys/HD4/messages", send("r5", "0901888484"));
        assertThat(queued.status()).isEqualTo(202);
        assertThat(api.delete("/api/messages/" + queued.json().get("id").asLong()).json().get("status").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void the_dashboard_answers_as_described() {
        esms.enqueue(json("{\"Balance\":36693,\"CodeResponse\":\"100\",\"UserID\":9999}"));
        esms.enqueue(json("{\"CodeResult\":\"100\",\"DailyQuota\":5000,\"RemainingQuota\":4992}"));
        assertThat(api.get("/api/account").status()).isEqualTo(200);
        assertThat(api.get("/api/info").status()).isEqualTo(200);
        assertThat(api.get("/api/overview?offset=420").status()).isEqualTo(200);
        assertThat(api.get("/api/overview?offset=east").status()).isEqualTo(400);
        assertThat(api.get("/api/live").status()).isEqualTo(400);
        assertThat(api.call(api.request("/api/live").header("Accept", "text/event-stream"), false).status()).isEqualTo(200);
        assertThat(api.get("/").status()).isEqualTo(200);
        assertThat(api.get("/dashboard/app.js").status()).isEqualTo(200);
        assertThat(api.get("/dashboard/nothing.js").status()).isEqualTo(404);

        Checked.Answer in = api.call(api.request("/dashboard/login").post(RequestBody.create(
                "{\"token\":\"" + TestServer.TOKEN + "\"}", Checked.JSON)), true);
        assertThat(in.status()).isEqualTo(204);
        String cookie = in.headers().get("Set-Cookie").split(";")[0];
        assertThat(api.call(api.request("/api/messages").header("Cookie", cookie).post(RequestBody.create("{}", Checked.JSON)),
                true).status()).as("a cookie write from elsewhere").isEqualTo(403);
        assertThat(api.call(api.request("/dashboard/logout").header("Cookie", cookie).post(RequestBody.create(new byte[0])), true)
                .status()).isEqualTo(204);
        assertThat(api.call(api.request("/dashboard/login").post(RequestBody.create("{}", MediaType.get("text/plain"))), true)
                .status()).isEqualTo(415);
        assertThat(api.call(api.request("/dashboard/login").post(RequestBody.create("{\"token\":\"\"}", Checked.JSON)), true)
                .status()).isEqualTo(400);
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = api.call(api.request("/dashboard/login").post(RequestBody.create("{\"token\":\"wrong\"}", Checked.JSON)),
                    true).status();
            assertThat(status).isIn(401, 429);
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void webhooks_answer_as_described() {
        // account.alert only: nothing here raises one, so only the test event is ever sent (and the endpoint goes first)
        Checked.Answer created = api.post("/api/webhooks", "{\"url\":\"https://hooks.example.com/esms\",\"events\":[\"account.alert\"]}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(api.post("/api/webhooks", "{\"url\":\"https://127.0.0.1/esms\",\"events\":[\"account.alert\"]}").status())
                .isEqualTo(400);
        assertThat(api.call(api.request("/api/webhooks").post(RequestBody.create("{}", MediaType.get("text/plain"))), false)
                .status()).isEqualTo(415);
        assertThat(api.get("/api/webhooks").json().get("endpoints")).hasSize(1);
        assertThat(api.get("/api/webhooks/" + id + "/attempts").status()).isEqualTo(200);
        assertThat(api.get("/api/webhooks/" + id + "/attempts?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/webhooks/99/attempts").status()).isEqualTo(404);
        assertThat(api.post("/api/webhooks/" + id + "/replay?since=2026-11-28T00:00:00Z", "").status()).isEqualTo(202);
        assertThat(api.post("/api/webhooks/" + id + "/replay", "").status()).isEqualTo(400);
        assertThat(api.post("/api/webhooks/99/replay?since=2026-11-28T00:00:00Z", "").status()).isEqualTo(404);
        assertThat(api.post("/api/webhooks/99/test", "").status()).isEqualTo(404);
        assertThat(api.post("/api/webhooks/" + id + "/test", "").status()).isEqualTo(202);
        assertThat(api.delete("/api/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/api/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void health_metrics_and_the_description_itself_answer_as_described() {
        for (String path : List.of("/health", "/health/ready", "/health/live", "/metrics", "/openapi.json", "/docs",
                "/docs/docs.js", "/docs/swagger-ui.css")) {
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(api.call(api.request("/health/ready"), true).json().size()).as("no details without the token").isEqualTo(1);
        assertThat(api.call(api.request("/metrics"), true).status()).isEqualTo(401);
        String etag = api.get("/openapi.json").headers().get("ETag");
        assertThat(api.call(api.request("/openapi.json").header("If-None-Match", etag), true).status()).isEqualTo(304);
        assertThat(api.call(api.request("/docs/docs.js").header("If-None-Match", api.get("/docs/docs.js").headers()
                .get("ETag")), true).status()).isEqualTo(304);
        assertThat(api.get("/docs/nothing.js").status()).isEqualTo(404);
    }

    @RegisterExtension
    static final TestWatcher PASSED = new TestWatcher() {
        @Override public void testSuccessful(ExtensionContext context) { PASSING.incrementAndGet(); }
    };

    /** Once every test of this class ran and passed (not when one runs alone, nor on top of a failure it would repeat). */
    @AfterAll
    static void every_operation_was_answered_and_every_kind_of_error_seen() {
        long tests = Arrays.stream(AnswersMatchDescriptionTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (PASSING.get() < tests) return;
        Set<String> unseen = new TreeSet<>(OPERATIONS);
        Checked.SEEN.forEach(s -> unseen.remove(s.substring(0, s.lastIndexOf(' '))));
        assertThat(unseen).as("operations no test checked an answer of").isEmpty();
        Set<String> statuses = new TreeSet<>();
        Checked.SEEN.forEach(s -> statuses.add(s.substring(s.lastIndexOf(' ') + 1)));
        assertThat(statuses).contains("200", "201", "202", "204", "304", "400", "401", "403", "404", "409", "410", "415",
                "429", "503");
    }
}
