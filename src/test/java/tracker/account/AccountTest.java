package tracker.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** GET /api/account: the balance and each OA's quota, asked at most once a minute, with a low-balance warning. */
class AccountTest extends EsmsTestBase {
    @Override
    protected Map<String, String> extraEnv() { return Map.of("LOW_BALANCE_VND", "50000"); }

    @Test
    void balance_and_quota_are_asked_at_most_once_a_minute_and_a_low_balance_is_flagged() throws Exception {
        esms.enqueue(json("{\"Balance\":36693,\"CodeResponse\":\"100\",\"UserID\":9999}"));
        esms.enqueue(json("{\"CodeResult\":\"100\",\"DailyQuota\":5000,\"RemainingQuota\":4992}"));
        JsonNode a = server.get("/api/account").json();

        assertThat(a.get("balanceVnd").asLong()).isEqualTo(36693);
        assertThat(a.get("lowBalance").asBoolean()).isTrue();
        assertThat(a.get("quotas").get(0).get("oaId").asText()).isEqualTo("4097311281936189049");
        assertThat(a.get("quotas").get(0).get("remaining").asLong()).isEqualTo(4992);
        assertThat(takeEsmsBody().get("ApiKey").asText()).isEqualTo("test-api-key");
        assertThat(takeEsmsBody().get("OAID").asText()).isEqualTo("4097311281936189049");

        assertThat(server.get("/api/account").json().get("balanceVnd").asLong()).as("cached").isEqualTo(36693);
        assertThat(esms.getRequestCount()).isEqualTo(2);
        assertThat(server.get("/metrics").body()).contains("tracker_esms_balance_vnd 36693")
                .contains("tracker_zns_quota_remaining{oa=\"4097311281936189049\"} 4992");

        server.clock.advance(Duration.ofMinutes(1));
        esms.enqueue(json("{\"Balance\":900000,\"CodeResponse\":\"100\",\"UserID\":9999}"));
        esms.enqueue(json("{\"CodeResult\":\"100\",\"DailyQuota\":5000,\"RemainingQuota\":4990}"));
        JsonNode later = server.get("/api/account").json();
        assertThat(later.get("balanceVnd").asLong()).isEqualTo(900000);
        assertThat(later.get("lowBalance").asBoolean()).isFalse();
    }

    @Test
    void when_esms_refuses_the_answer_says_why_and_never_shows_the_keys() {
        esms.enqueue(json("{\"CodeResponse\":\"101\",\"ErrorMessage\":\"Authorize Failed\"}"));
        esms.enqueue(json("{\"CodeResult\":\"101\",\"ErrorMessage\":\"Authorize Failed\"}"));
        TestServer.Reply r = server.get("/api/account");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("balanceVnd").isNull()).isTrue();
        assertThat(r.json().get("balanceProblem").asText()).startsWith("eSMS 101");
        assertThat(r.json().get("quotas").get(0).get("problem").asText()).startsWith("eSMS 101");
        assertThat(r.body()).doesNotContain("test-api-key").doesNotContain("test-secret-key");
    }
}
