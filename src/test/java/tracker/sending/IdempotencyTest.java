package tracker.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

class IdempotencyTest extends EsmsTestBase {

    @Test
    void the_same_request_id_again_answers_200_with_the_existing_message_and_esms_is_called_once() {
        esms.enqueue(accepted("s1"));
        TestServer.Reply first = server.send("HD1", body("0901888484", "req-1"));
        TestServer.Reply again = server.send("HD1", body("0901888484", "req-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(again.json().get("smsId").asText()).isEqualTo("s1");
        assertThat(esms.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_phone_in_another_form_is_the_same_request() {
        esms.enqueue(accepted("s1"));
        server.send("HD1", body("0901888484", "req-1"));
        assertThat(server.send("HD1", body("+84901888484", "req-1")).status()).isEqualTo(200);
    }

    @Test
    void a_known_request_id_with_a_different_body_is_a_409() {
        esms.enqueue(accepted("s1"));
        server.send("HD1", body("0901888484", "req-1"));
        TestServer.Reply r = server.send("HD1", body("0901999999", "req-1"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("field").asText()).isEqualTo("requestId");
        assertThat(server.send("HD2", body("0901888484", "req-1")).status()).isEqualTo(409);
        assertThat(esms.getRequestCount()).isEqualTo(1);
    }

    @Test
    void racing_sends_with_the_same_request_id_make_one_message_and_one_esms_call() throws Exception {
        esms.enqueue(new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS)
                .body("{\"CodeResult\":\"100\",\"SMSID\":\"s1\"}").build());
        List<CompletableFuture<TestServer.Reply>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(CompletableFuture.supplyAsync(() -> server.send("HD1", body("0901888484", "race-1"))));
        }
        List<Long> ids = new ArrayList<>();
        for (var f : all) {
            TestServer.Reply r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isIn(200, 201);
            ids.add(r.json().get("id").asLong());
        }
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(esms.getRequestCount()).isEqualTo(1);
        assertThat(journey("HD1").get("messages")).hasSize(1);
    }
}
