package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.TestDatabases;
import tracker.TestServer;

/** The service with its embedded simulator, driven only through the public API: the whole loop, no mocks. */
class SimulatedLoopTest {
    @TempDir static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, null, Map.of("ESMS_SIMULATOR", "on", "ESMS_API_KEY", "", "ESMS_SECRET_KEY", "",
                "ESMS_OAID", ""));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode send(String orderId, String phone, String extra) {
        TestServer.Reply r = server.send(orderId, "{\"phone\":\"" + phone + "\",\"templateId\":\"540679\","
                + "\"params\":[\"Trần Thị B\",\"" + orderId + "\"]" + extra + "}");
        assertThat(r.status()).as(r.body()).isIn(201, 202);
        return r.json();
    }

    private static JsonNode message(long id) { return server.get("/api/messages/" + id).json(); }

    private static JsonNode settle(JsonNode sent) {
        long id = sent.get("id").asLong();
        TestServer.await("message " + id + " to reach a final status",
                () -> List.of("DELIVERED", "FAILED", "REJECTED").contains(message(id).get("status").asText()));
        return message(id);
    }

    private static List<JsonNode> callbacks(JsonNode message) {
        List<JsonNode> out = new ArrayList<>();
        message.get("events").forEach(e -> { if (e.get("type").asText().equals("CALLBACK")) out.add(e); });
        return out;
    }

    @Test
    void a_delivered_message_is_later_on_the_phone_and_the_account_shows_balance_and_quota() {
        JsonNode m = settle(send("SIM-PHONE", "0901230100", ""));
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        server.clock.advance(Duration.ofMinutes(4)); // the phone check asks a few minutes after delivery
        TestServer.await("on the phone", () -> !message(m.get("id").asLong()).get("onPhoneAt").isNull());

        JsonNode account = server.get("/api/account").json();
        assertThat(account.get("balanceVnd").asLong()).isPositive().isLessThan(2_000_000);
        assertThat(account.get("quotas").get(0).get("remaining").asLong()).isLessThan(5_000);
    }

    @Test
    void a_delivered_message_reaches_delivered_through_real_callbacks_and_is_marked_simulated() {
        JsonNode m = settle(send("SIM-1", "0901230100", ""));
        assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(m.get("simulated").asBoolean()).isTrue();
        assertThat(m.get("oaId").asText()).isNotBlank();
        List<JsonNode> cbs = callbacks(m);
        assertThat(cbs).extracting(e -> e.get("status").asText()).containsExactly("SENT", "DELIVERED");
        assertThat(cbs.get(1).get("detail").get("fields").get("TypeId").asText()).isEqualTo("27");
        assertThat(cbs.get(1).get("detail").get("simulated").asBoolean()).isTrue();
        assertThat(m.get("price").asText()).isEqualTo("220.0000");
    }

    @Test
    void zalo_failures_arrive_with_their_reason_in_words() {
        JsonNode inactive = settle(send("SIM-2", "0901230114", ""));
        assertThat(inactive.get("status").asText()).isEqualTo("FAILED");
        assertThat(inactive.get("failureReason").asText()).startsWith("Zalo error -114: User is inactive");
        JsonNode token = settle(send("SIM-3", "0901230124", ""));
        assertThat(token.get("failureReason").asText()).startsWith("Zalo error -124: Access token is invalid");
        assertThat(token.get("failureKind").asText()).isEqualTo("account");
    }

    @Test
    void a_rejection_callback_ends_in_rejected() {
        assertThat(settle(send("SIM-4", "0901230004", "")).get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void duplicate_callbacks_are_stored_once_and_counted() {
        JsonNode m = settle(send("SIM-5", "0901230222", ""));
        TestServer.await("the second copy of the final callback",
                () -> callbacks(message(m.get("id").asLong())).stream().allMatch(e -> e.get("repeats").asInt() == 2));
        assertThat(callbacks(message(m.get("id").asLong()))).hasSize(2);
    }

    @Test
    void an_out_of_order_sent_after_delivered_is_marked_late() {
        JsonNode m = settle(send("SIM-6", "0901230555", ""));
        long id = m.get("id").asLong();
        TestServer.await("the late 7", () -> callbacks(message(id)).size() == 2);
        JsonNode late = callbacks(message(id)).get(1);
        assertThat(late.get("status").asText()).isEqualTo("SENT");
        assertThat(late.get("late").asBoolean()).isTrue();
        assertThat(message(id).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void lost_callbacks_leave_the_message_accepted_and_sandbox_sends_end_validated_both_with_no_callback() throws Exception {
        JsonNode lost = send("SIM-7", "0901230777", "");
        JsonNode sandbox = send("SIM-8", "0901230100", ",\"sandbox\":true");
        JsonNode control = settle(send("SIM-9", "0901230100", ""));
        assertThat(control.get("status").asText()).isEqualTo("DELIVERED"); // callbacks of its time have come
        for (JsonNode m : List.of(lost, sandbox)) {
            JsonNode now = message(m.get("id").asLong());
            assertThat(now.get("status").asText()).isEqualTo(m == lost ? "ACCEPTED" : "VALIDATED");
            assertThat(callbacks(now)).isEmpty();
        }
        assertThat(message(sandbox.get("id").asLong()).get("sandbox").asBoolean()).isTrue();
    }

    @Test
    void a_rate_limited_send_is_queued_and_a_refused_one_rejected() {
        JsonNode queued = send("SIM-10", "0901230160", "");
        assertThat(queued.get("status").asText()).isEqualTo("QUEUED");
        JsonNode refused = send("SIM-11", "0901230789", "");
        assertThat(refused.get("status").asText()).isEqualTo("REJECTED");
        assertThat(refused.get("esmsCode").asText()).isEqualTo("789");
    }

    @Test
    void a_callback_that_times_out_is_retried_by_the_simulator_and_stored_once() throws Exception {
        // hold the database's write lock until the simulator, past its 2 s timeout, has sent the callback again
        JsonNode sent = send("SIM-12", "0901230100", "");
        long id = sent.get("id").asLong();
        double received = server.counter("tracker_callbacks_received_total");
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            // SQLite: the write lock; PostgreSQL: a lock on the message table that every row update waits for
            st.execute(TestDatabases.POSTGRES ? "BEGIN" : "BEGIN IMMEDIATE");
            if (TestDatabases.POSTGRES) st.execute("LOCK TABLE message IN EXCLUSIVE MODE");
            // one message's callbacks go one at a time: a second arrival while the first waits is its retry
            TestServer.await("the simulator to send the waiting callback again",
                    () -> server.counter("tracker_callbacks_received_total") >= received + 2);
            st.execute("COMMIT");
        }
        TestServer.await("the retried callbacks to land", () -> message(id).get("status").asText().equals("DELIVERED"));
        assertThat(callbacks(message(id))).anyMatch(e -> e.get("repeats").asInt() >= 2);
    }
}
