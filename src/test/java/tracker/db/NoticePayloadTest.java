package tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Many items travel in as few notices as fit, each under PostgreSQL's 8000-byte payload limit. */
class NoticePayloadTest {
    @Test
    void many_order_ids_are_split_into_payloads_under_8000_bytes_that_carry_every_one_in_order() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) ids.add("HĐ-" + "x".repeat(i % 90) + i); // up to 100 chars, not all ASCII

        List<String> payloads = NoticePayload.chunks("inst1", "journey", ids);

        List<String> back = new ArrayList<>();
        for (String p : payloads) {
            assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
            NoticePayload n = NoticePayload.parse(p);
            assertThat(n.from()).isEqualTo("inst1");
            assertThat(n.topic()).isEqualTo("journey");
            back.addAll(n.items());
        }
        assertThat(back).containsExactlyElementsOf(ids);
        int total = ids.stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length + 3).sum();
        assertThat(payloads).as("nearly full payloads").hasSizeLessThanOrEqualTo(total / 7_000 + 1);
    }

    @Test
    void an_item_too_big_for_any_payload_makes_the_topic_everything() {
        List<String> payloads = NoticePayload.chunks("inst1", "journey", List.of("a", "b".repeat(9_000)));

        assertThat(payloads).hasSize(1);
        assertThat(NoticePayload.parse(payloads.get(0)).items()).isNull();
    }

    @Test
    void everything_and_a_set_read_back_as_written_and_a_stranger_is_not_read() {
        Set<String> items = new LinkedHashSet<>(List.of("HD1", "HD\"2\\"));
        assertThat(NoticePayload.parse(NoticePayload.chunks("i", "t", items).get(0)).items()).containsExactlyElementsOf(items);
        assertThat(NoticePayload.parse(NoticePayload.everything("i", "t")).items()).isNull();
        assertThat(NoticePayload.parse("not json")).isNull();
        assertThat(NoticePayload.parse("{\"topic\":\"t\"}")).isNull();
    }
}
