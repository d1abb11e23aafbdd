package tracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import tracker.TestServer;

/** Bad input is a 4xx {"error","field"} with nothing stored; the secret is shown once and nowhere else. */
class WebhookApiTest extends WebhookTestBase {
    private void refused(String body, int status, String field) {
        TestServer.Reply r = server.post("/api/webhooks", body);
        assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isNotBlank();
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void bad_registrations_are_refused_with_the_field_at_fault_and_nothing_is_stored() {
        String url = receiver.url();
        refused("{", 400, "body");
        refused("[]", 400, "body");
        refused("{\"events\":[\"message.status_changed\"]}", 400, "url");
        refused("{\"url\":42,\"events\":[\"message.status_changed\"]}", 400, "url");
        refused("{\"url\":\"not a url\",\"events\":[\"message.status_changed\"]}", 400, "url");
        refused("{\"url\":\"ftp://example.com/x\",\"events\":[\"message.status_changed\"]}", 400, "url");
        refused("{\"url\":\"http://user:pw@127.0.0.1/x\",\"events\":[\"message.status_changed\"]}", 400, "url");
        refused("{\"url\":\"https://example.com/" + "x".repeat(2000) + "\",\"events\":[\"message.status_changed\"]}", 400, "url");
        refused("{\"url\":\"" + url + "\"}", 400, "events");
        refused("{\"url\":\"" + url + "\",\"events\":[]}", 400, "events");
        refused("{\"url\":\"" + url + "\",\"events\":\"message.status_changed\"}", 400, "events");
        refused("{\"url\":\"" + url + "\",\"events\":[\"message.deleted\"]}", 400, "events");
        refused("{\"url\":\"" + url + "\",\"events\":[7]}", 400, "events");
        TestServer.Reply plain = server.call(new Request.Builder().url(server.url("/api/webhooks"))
                .post(RequestBody.create("{}", MediaType.get("text/plain"))));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(server.get("/api/webhooks").json().get("endpoints")).isEmpty();

        long id = register(url, "message.status_changed").get("id").asLong();
        assertThat(server.post("/api/webhooks/" + id + "/replay", "").json().get("field").asText()).isEqualTo("since");
        TestServer.Reply badSince = server.post("/api/webhooks/" + id + "/replay?since=yesterday", "");
        assertThat(badSince.status()).isEqualTo(400);
        assertThat(badSince.json().get("field").asText()).isEqualTo("since");
        assertThat(server.post("/api/webhooks/999/replay?since=2026-11-28T00:00:00Z", "").status()).isEqualTo(404);
        assertThat(server.post("/api/webhooks/999/test", "").status()).isEqualTo(404);
        assertThat(server.get("/api/webhooks/abc/attempts").status()).isEqualTo(404);
        assertThat(server.call(new Request.Builder().url(server.url("/api/webhooks/999")).delete()).status()).isEqualTo(404);
        assertThat(server.call(new Request.Builder().url(server.url("/api/webhooks/" + id)).delete()).status()).isEqualTo(204);
        assertThat(server.get("/api/webhooks").json().get("endpoints")).isEmpty();
    }

    @Test
    void the_secret_is_in_the_answer_that_created_the_endpoint_and_in_no_other_answer() {
        JsonNode created = register(receiver.url(), "message.status_changed", "account.alert");
        String secret = created.get("secret").asText();
        long id = created.get("id").asLong();
        sendAccepted("HD-WH-SEC", "SMS-SEC");
        awaitSettled(id);

        JsonNode listed = server.get("/api/webhooks").json().get("endpoints").get(0);
        assertThat(listed.has("secret")).isFalse();
        assertThat(listed.get("events")).extracting(JsonNode::asText).containsExactly("account.alert", "message.status_changed");
        for (String path : new String[] {"/api/webhooks", "/api/webhooks/" + id + "/attempts", "/", "/dashboard/app.js"}) {
            assertThat(server.get(path).body()).as(path).doesNotContain(secret).doesNotContain(secret.substring(6));
        }
        assertThat(receiver.snapshot().get(0).body()).doesNotContain(secret.substring(6));
    }
}
