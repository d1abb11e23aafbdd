package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;

/** Anyone may call the callback URL: only the exact per-message token opens it, and a refusal stores nothing. */
class CallbackForgeryTest extends EsmsTestBase {
    private static final String DELIVERED = "&SendStatus=5&SendSuccess=1&SendFailed=0";

    @Override protected Map<String, String> extraEnv() { return Map.of("CALLBACK_SECRET", "first-secret-0123456789abcdef"); }

    @Test
    void a_wrong_token_is_refused_with_403_and_nothing_is_recorded() {
        Sent a = sendAccepted("HD-F1", "SMS-F1");
        String forged = "/callbacks/" + a.id() + "/" + "A".repeat(43);
        assertForgeryRefused(a, server.rawGet(forged + "?SMSID=SMS-F1" + DELIVERED));
    }

    @Test
    void the_token_of_another_message_does_not_open_this_one() {
        Sent a = sendAccepted("HD-F2", "SMS-F2A");
        Sent b = sendAccepted("HD-F2", "SMS-F2B");
        String tokenOfB = b.callbackPath().substring(b.callbackPath().lastIndexOf('/') + 1);
        assertForgeryRefused(a, server.rawGet("/callbacks/" + a.id() + "/" + tokenOfB + "?SMSID=SMS-F2A" + DELIVERED));
    }

    @Test
    void a_truncated_token_is_refused() {
        Sent a = sendAccepted("HD-F3", "SMS-F3");
        String path = a.callbackPath();
        assertForgeryRefused(a, server.rawGet(path.substring(0, path.length() - 1) + "?SMSID=SMS-F3" + DELIVERED));
    }

    @Test
    void a_token_with_its_case_changed_is_refused() {
        Sent a = sendAccepted("HD-F4", "SMS-F4");
        String path = a.callbackPath();
        int slash = path.lastIndexOf('/');
        String token = path.substring(slash + 1);
        String swapped = token.chars().map(c -> Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(swapped).isNotEqualTo(token);
        assertForgeryRefused(a, server.rawGet(path.substring(0, slash + 1) + swapped + "?SMSID=SMS-F4" + DELIVERED));
    }

    @Test
    void a_token_with_characters_appended_is_refused() {
        Sent a = sendAccepted("HD-F5", "SMS-F5");
        assertForgeryRefused(a, server.rawGet(a.callbackPath() + "A?SMSID=SMS-F5" + DELIVERED));
    }

    @Test
    void an_unknown_message_and_a_wrong_token_get_the_same_answer_so_ids_cannot_be_probed() {
        Sent a = sendAccepted("HD-F6", "SMS-F6");
        String token = a.callbackPath().substring(a.callbackPath().lastIndexOf('/') + 1);
        RawHttp.Answer unknown = RawHttp.get(server.port(), "/callbacks/987654/" + token + "?SMSID=X" + DELIVERED);
        RawHttp.Answer wrong = RawHttp.get(server.port(), "/callbacks/" + a.id() + "/" + "B".repeat(43) + "?SMSID=X" + DELIVERED);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void a_valid_url_cannot_rewrite_another_messages_smsid() {
        Sent a = sendAccepted("HD-F7", "SMS-F7A");
        Sent b = sendAccepted("HD-F7", "SMS-F7B");
        assertThat(callback(a, "SMSID=SMS-F7B" + DELIVERED)).isEqualTo(409);
        assertThat(message(a.id()).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(message(b.id()).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void during_a_rotation_urls_signed_with_the_previous_secret_still_work_and_new_ones_use_the_new_secret() {
        Sent old = sendAccepted("HD-F8", "SMS-F8A");
        restartWith(Map.of("CALLBACK_SECRET", "second-secret-0123456789abcdef", "CALLBACK_SECRET_PREVIOUS", "first-secret-0123456789abcdef"));
        assertThat(callback(old, "SMSID=SMS-F8A" + DELIVERED)).isEqualTo(200);
        Sent fresh = sendAccepted("HD-F8", "SMS-F8B");
        assertThat(fresh.callbackPath()).isNotEqualTo(old.callbackPath().replace("/" + old.id() + "/", "/" + fresh.id() + "/"));
        assertThat(callback(fresh, "SMSID=SMS-F8B" + DELIVERED)).isEqualTo(200);
        assertThat(message(old.id()).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void once_the_rotation_ends_urls_of_the_retired_secret_are_refused() {
        Sent old = sendAccepted("HD-F9", "SMS-F9");
        restartWith(Map.of("CALLBACK_SECRET", "second-secret-0123456789abcdef"));
        assertForgeryRefused(old, callback(old, "SMSID=SMS-F9" + DELIVERED));
    }

    private void restartWith(Map<String, String> secrets) {
        server.stop();
        server.env.remove("CALLBACK_SECRET_PREVIOUS");
        server.env.putAll(secrets);
        server.start();
    }

    private void assertForgeryRefused(Sent sent, int status) {
        assertThat(status).isEqualTo(403);
        JsonNode m = message(sent.id());
        assertThat(m.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(m.get("events")).hasSize(2); // SUBMITTED and ACCEPTED only
    }
}
