package tracker.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** Vietnamese invoice numbers such as HD/2026/0001 are order ids like any other. */
class SlashOrderIdTest extends EsmsTestBase {
    private static final String ORDER = "HD/2026/0001";

    @Test
    void an_order_id_with_slashes_can_be_sent_in_the_body_and_read_by_query() {
        esms.enqueue(accepted("S-slash"));
        TestServer.Reply sent = server.post("/api/messages", "{\"orderId\":\"" + ORDER + "\",\"phone\":\"0901888484\","
                + "\"templateId\":\"540679\",\"params\":[\"A\"]}");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().get("orderId").asText()).isEqualTo(ORDER);
        assertThat(takeEsmsBody().get("OrderId").asText()).isEqualTo(ORDER);

        TestServer.Reply read = server.get("/api/journey?orderId=" + URLEncoder.encode(ORDER, StandardCharsets.UTF_8));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("orderId").asText()).isEqualTo(ORDER);
        assertThat(read.json().get("messages")).hasSize(1);
    }

    @Test
    void the_body_form_refuses_a_missing_order_id_and_the_query_form_an_unknown_one() {
        TestServer.Reply noOrder = server.post("/api/messages", "{\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[]}");
        assertThat(noOrder.status()).isEqualTo(400);
        assertThat(noOrder.json().get("field").asText()).isEqualTo("orderId");
        assertThat(server.get("/api/journey?orderId=HD%2Fnone").status()).isEqualTo(404);
        assertThat(server.get("/api/journey").json().get("field").asText()).isEqualTo("orderId");
    }

    @Test
    void the_path_form_does_not_take_an_order_id_in_the_body_too() {
        TestServer.Reply r = server.send("HD1", "{\"orderId\":\"HD2\",\"phone\":\"0901888484\",\"templateId\":\"1\",\"params\":[]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("orderId");
    }
}
