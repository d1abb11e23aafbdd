package tracker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tracker.EsmsTestBase;

/** Every line of eSMS's published samples, sent byte-for-byte, lands with the outcome its comment names. */
class CallbackSamplesTest extends EsmsTestBase {
    /** eSMS's samples as the protocol reference keeps them, beside the project (no copy to drift from them). */
    static final Path SAMPLES = Path.of("..", "shared", "esms", "callback-samples.txt");

    /** One published callback: the comment above it and its query string. */
    record Sample(String comment, String query) {
        String smsId() { return query.substring("SMSID=".length(), query.indexOf('&')); }

        @Override public String toString() { return comment; }
    }

    static List<Sample> samples() throws IOException {
        assertThat(SAMPLES).as("eSMS's callback samples at %s", SAMPLES.toAbsolutePath().normalize()).isRegularFile();
        List<Sample> out = new ArrayList<>();
        String comment = null;
        for (String line : Files.readString(SAMPLES, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("#")) comment = line;
            else if (!line.isBlank()) out.add(new Sample(comment, line));
        }
        assertThat(out).as("samples in %s", SAMPLES).hasSize(8);
        return out;
    }

    static Stream<Sample> eachSample() throws IOException { return samples().stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachSample")
    void each_published_sample_gives_the_outcome_its_comment_names(Sample sample) {
        String comment = sample.comment(), query = sample.query();
        Sent sent = sendAccepted("SAMPLE-" + Math.abs(query.hashCode()), sample.smsId());

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

    @Test
    void all_eight_samples_replayed_in_order_into_one_journey_end_as_the_forward_only_rules_say() throws IOException {
        List<Sample> samples = samples();
        // a callback only lands on the message with its SMSID; the journey sample reuses the consulting one's
        Map<String, Sent> bySmsId = new LinkedHashMap<>();
        for (Sample s : samples) bySmsId.computeIfAbsent(s.smsId(), id -> sendAccepted("SAMPLES", id));
        assertThat(bySmsId).hasSize(7);
        for (Sample s : samples) {
            server.clock.advance(Duration.ofSeconds(1)); // one instant per callback: time order is replay order
            assertThat(callback(bySmsId.get(s.smsId()), s.query())).as(s.comment()).isEqualTo(200);
        }

        JsonNode j = journey("SAMPLES");
        List<String> finalStates = new ArrayList<>();
        for (JsonNode m : j.get("messages")) {
            finalStates.add(m.get("smsId").asText().substring(0, 4) + " " + m.get("status").asText() + " " + m.get("price").asText());
        }
        assertThat(finalStates).containsExactly(
                "dc71 FAILED 0.0000", "82b0 ACCEPTED 696987.0000", // counts 0/0: finished without an outcome
                "f665 FAILED 0.0000", "849f DELIVERED 470.0000",
                "7d11 DELIVERED 60.0000", // the first final report wins; the journey sample's 220 changes nothing
                "53db DELIVERED 60.0000", "5450 DELIVERED 2104.0000");
        assertThat(j.get("status").asText()).isEqualTo("ACTIVE"); // the advertising sample is not final
        assertThat(j.get("price").asText()).isEqualTo("699681.0000");

        List<String> callbacks = new ArrayList<>();
        for (JsonNode e : j.get("timeline")) {
            if (!e.get("type").asText().equals("CALLBACK")) continue;
            callbacks.add(e.get("at").asText() + " " + e.get("detail").get("fields").get("SMSID").asText().substring(0, 4)
                    + " " + e.get("status").asText() + (e.get("late").asBoolean() ? " late" : "")
                    + (e.get("conflict").asBoolean() ? " conflict" : "") + " x" + e.get("repeats").asInt());
        }
        assertThat(callbacks).containsExactly(
                "2026-11-28T08:00:01.000Z dc71 FAILED x1",
                "2026-11-28T08:00:02.000Z 82b0 null x1",
                "2026-11-28T08:00:03.000Z f665 FAILED x1",
                "2026-11-28T08:00:04.000Z 849f DELIVERED x1",
                "2026-11-28T08:00:05.000Z 7d11 DELIVERED x1",
                "2026-11-28T08:00:06.000Z 53db DELIVERED x1",
                "2026-11-28T08:00:07.000Z 7d11 DELIVERED x1", // the same final status again: neither late nor a conflict
                "2026-11-28T08:00:08.000Z 5450 DELIVERED x1");
        assertThat(j.get("timeline")).hasSize(7 * 2 + 8); // each send's SUBMITTED and ACCEPTED, then the callbacks
    }

    private static String field(String query, String name) {
        for (String p : query.split("&")) if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
        return null;
    }
}
