package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tracker.EsmsTestBase;

/** Every line of eSMS's published samples, sent byte-for-byte, lands with the outcome its comment names. */
class CallbackSamplesTest extends EsmsTestBase {

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = CallbackSamplesTest.class.getResourceAsStream("/callback-samples.txt")) {
            String comment = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) comment = line;
                else if (!line.isBlank()) out.add(Arguments.of(comment, line));
            }
        }
        assertThat(out).hasSize(8);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void each_published_sample_gives_the_outcome_its_comment_names(String comment, String query) {
        String smsId = query.substring("SMSID=".length(), query.indexOf('&'));
        Sent sent = sendAccepted("SAMPLE-" + Math.abs(query.hashCode()), smsId);

        assertThat(callback(sent, query)).isEqualTo(200);

        JsonNode m = message(sent.id());
        String expected = comment.substring(comment.lastIndexOf("->") + 2).strip();
        if (expected.startsWith("finished, but no outcome")) {
            assertThat(m.get("status").asText()).isEqualTo("ACCEPTED");
        } else {
            assertThat(m.get("status").asText()).isEqualTo(expected.split(",")[0].strip());
        }
        if (expected.contains("Zalo -114")) {
            assertThat(m.get("failureReason").asText()).startsWith("Zalo error -114: User is inactive");
        }
        if (expected.startsWith("FAILED") && !expected.contains("Zalo")) {
            assertThat(m.get("failureReason").asText()).contains("SendFailed=2");
        }
        JsonNode events = m.get("events");
        JsonNode cb = events.get(events.size() - 1);
        assertThat(cb.get("type").asText()).isEqualTo("CALLBACK");
        assertThat(cb.get("detail").get("query").asText()).isEqualTo(query);
        if (query.contains("error_info=")) {
            assertThat(cb.get("detail").get("errorInfo").get("error").isInt()).isTrue();
        }
        assertThat(m.get("price").asText()).isEqualTo(field(query, "TotalPrice"));
    }

    private static String field(String query, String name) {
        for (String p : query.split("&")) if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
        return null;
    }
}
