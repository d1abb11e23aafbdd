package tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.webhooks.Receiver;

/**
 * Two instances on one PostgreSQL database, as behind a round-robin load balancer: what one learns or is told, the
 * other shows; a sign-in on one holds on the other; a live page on one follows changes made through the other.
 */
@PostgresOnly("two instances sharing one database: SQLite is one process on its file")
class TwoInstancesTest extends EsmsTestBase {
    static final String TOKEN = "two-instances-token-0123456789";
    static final String SECRET = "two-instances-callback-secret-0123456789";
    static final String DELIVERED = "SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TypeId=27";
    static final String TOKEN_INVALID = "SendFailed=1&SendStatus=5&SendSuccess=0&TypeId=27"
            + "&error_info=%257B%2522error%2522%3A-124%2C%2522message%2522%3A%2522Access%2520token%2520is%2520invalid%2522%257D";

    private TestServer b;
    private Response stream;
    /** Order ids B's live stream announced, in order. */
    private final List<String> seenOnB = new CopyOnWriteArrayList<>();
    private final Receiver receiver = new Receiver();
    private int markers;

    @Override protected Map<String, String> extraEnv() {
        return Map.of("API_TOKEN", TOKEN, "CALLBACK_SECRET", SECRET, "WEBHOOK_ALLOW_PRIVATE", "true");
    }

    @BeforeEach
    void startSecondInstanceAndItsLiveStream() throws IOException {
        b = new TestServer(Files.createDirectories(dir.resolve("b")), esms.url("/").toString().replaceAll("/$", ""),
                Map.of("DATABASE_URL", server.databaseUrl, "API_TOKEN", TOKEN, "CALLBACK_SECRET", SECRET,
                        "WEBHOOK_ALLOW_PRIVATE", "true"));
        stream = b.http.newCall(bearer(b, "/api/live").header("Accept", "text/event-stream").get().build()).execute();
        assertThat(stream.code()).isEqualTo(200);
        Thread reader = new Thread(() -> read(stream.body().source()), "test-live-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stopSecondInstance() {
        stream.close();
        receiver.close();
        b.stop(); // not close(): the database is the first server's, dropped when it closes
    }

    private void read(BufferedSource source) {
        try {
            for (String line; (line = source.readUtf8Line()) != null; ) {
                if (line.startsWith("data:")) seenOnB.add(TestServer.JSON.readTree(line.substring(5)).path("orderId").asText());
            }
        } catch (IOException closed) { /* the test ended */ }
    }

    private static Request.Builder bearer(TestServer s, String path) {
        return new Request.Builder().url(s.url(path)).header("Authorization", "Bearer " + TOKEN);
    }

    private static JsonNode get(TestServer s, String path) { return s.call(bearer(s, path).get()).json(); }

    /** Sends through {@code via} a message eSMS accepts with {@code smsId}. */
    private Sent send(TestServer via, String orderId, String smsId) {
        esms.enqueue(accepted(smsId));
        TestServer.Reply reply = via.call(bearer(via, "/api/journeys/" + orderId + "/messages")
                .post(RequestBody.create(body("0901888484", null), MediaType.get("application/json"))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new Sent(reply, takeEsmsBody());
    }

    /**
     * A change made through A after everything before it, once B's live page shows it: B has heard all A told
     * before (A never sends a notice after one published later, and B hears them in order on one thread).
     */
    private void bHeardEverythingAToldSoFar() {
        String marker = "MARK" + ++markers;
        send(server, marker, "S-" + marker);
        TestServer.await("B's live page to show " + marker, () -> seenOnB.contains(marker));
    }

    private static int callback(TestServer via, Sent sent, String query) { return via.rawGet(sent.callbackPath() + "?" + query); }

    private JsonNode account(TestServer s) {
        esms.enqueue(json("{\"Balance\":900000,\"CodeResponse\":\"100\",\"UserID\":9}"));
        esms.enqueue(json("{\"CodeResult\":\"100\",\"DailyQuota\":5000,\"RemainingQuota\":5000}"));
        TestServer.Reply r = s.call(bearer(s, "/api/account").get());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Signs in on {@code s}; the session cookie as a Cookie header value. */
    private static String signIn(TestServer s) {
        Request req = new Request.Builder().url(s.url("/dashboard/login"))
                .post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", MediaType.get("application/json"))).build();
        try (Response res = s.http.newCall(req).execute()) {
            assertThat(res.code()).isEqualTo(204);
            String setCookie = res.header("Set-Cookie");
            return setCookie.substring(0, setCookie.indexOf(';'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int withCookie(TestServer s, String cookie, String path, String method) {
        Request.Builder req = new Request.Builder().url(s.url(path)).header("Cookie", cookie);
        if (method.equals("POST")) req.post(RequestBody.create(new byte[0]));
        return s.call(req).status();
    }

    @Test
    void a_live_page_on_one_instance_shows_a_callback_applied_through_the_other() {
        Sent sent = send(server, "HD70001", "S-70001");
        bHeardEverythingAToldSoFar();
        seenOnB.clear();

        assertThat(callback(server, sent, "SMSID=S-70001&" + DELIVERED)).isEqualTo(200);

        TestServer.await("B's live page to hear of HD70001", () -> seenOnB.contains("HD70001"));
        assertThat(get(b, "/api/journeys/HD70001").get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void a_sign_in_on_one_instance_holds_on_the_other_and_a_sign_out_on_either_ends_it_on_both() {
        String cookie = signIn(server);

        assertThat(withCookie(b, cookie, "/api/journeys", "GET")).isEqualTo(200);
        assertThat(withCookie(server, cookie, "/api/journeys", "GET")).isEqualTo(200);

        assertThat(withCookie(b, cookie, "/dashboard/logout", "POST")).isEqualTo(204);
        assertThat(withCookie(server, cookie, "/api/journeys", "GET")).isEqualTo(401);
        assertThat(withCookie(b, cookie, "/api/journeys", "GET")).isEqualTo(401);
    }

    @Test
    void a_webhook_endpoint_registered_on_one_instance_gets_the_events_of_a_change_made_through_the_other() {
        TestServer.Reply created = server.call(bearer(server, "/api/webhooks").post(RequestBody.create(
                "{\"url\":\"" + receiver.url() + "\",\"events\":[\"message.status_changed\"]}", MediaType.get("application/json"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        bHeardEverythingAToldSoFar();

        send(b, "HD70101", "S-70101");

        TestServer.await("the receiver to get HD70101's event", () -> receiver.snapshot().stream()
                .anyMatch(g -> g.json().path("data").path("orderId").asText().equals("HD70101")));
    }

    @Test
    void an_alert_raised_through_one_instance_shows_on_the_other_and_a_delivery_through_the_other_clears_it() {
        Sent failed = send(server, "HD70201", "S-70201");
        Sent later = send(server, "HD70202", "S-70202");
        assertThat(callback(server, failed, "SMSID=S-70201&" + TOKEN_INVALID)).isEqualTo(200);
        assertThat(account(b).get("alerts")).hasSize(1);
        bHeardEverythingAToldSoFar();

        assertThat(callback(b, later, "SMSID=S-70202&" + DELIVERED)).isEqualTo(200);

        assertThat(get(server, "/api/messages/" + later.id()).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(account(server).get("alerts")).as("cleared by the delivery B applied").isEmpty();
    }

    @Test
    void a_pause_raised_through_one_instance_shows_on_the_other_which_then_holds_its_sends_too() {
        esms.enqueue(refused("103", "Balance not enough"));
        TestServer.Reply held = server.call(bearer(server, "/api/journeys/HD70301/messages")
                .post(RequestBody.create(body("0901888484", null), MediaType.get("application/json"))));
        assertThat(held.json().path("heldReason").asText()).as(held.body()).startsWith("eSMS 103");
        takeEsmsBody();

        assertThat(account(b).get("paused").get("code").asText()).isEqualTo("103");
        TestServer.Reply onB = b.call(bearer(b, "/api/journeys/HD70302/messages")
                .post(RequestBody.create(body("0901888484", null), MediaType.get("application/json"))));
        assertThat(onB.json().get("heldReason").asText()).as("held on B without asking eSMS").startsWith("eSMS 103");
    }
}
