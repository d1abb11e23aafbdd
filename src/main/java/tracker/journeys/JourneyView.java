package tracker.journeys;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import tracker.ledger.Detail;
import tracker.ledger.EventRow;
import tracker.ledger.JourneyRow;
import tracker.ledger.MessageReads;
import tracker.ledger.MessageRow;
import tracker.ledger.Refused;
import tracker.ledger.Status;

/** The API's JSON shapes, built from rows. */
public final class JourneyView {
    /**
     * {@code capped}: how many of the repeats were other callbacks beyond the message's cap of distinct ones.
     * {@code detail} is the stored JSON object, written out as it is: no parse and re-encode per event per answer.
     */
    public record EventView(long id, long messageId, String at, String type, String status, String source,
                            int repeats, boolean late, boolean conflict, String reportedAt, int capped,
                            @JsonRawValue String detail) {}

    public record MessageView(long id, String orderId, String phone, String templateId, List<String> params,
                              String oaId, String campaignId, String requestId, String smsId, String status,
                              String esmsCode, String esmsMessage, String failureReason, String failureKind,
                              String zaloMessageId, String price, boolean sandbox,
                              boolean simulated, int attempts, String nextAttemptAt, String sendBefore, String createdAt,
                              String updatedAt, Long resendOf, Long resentAs, String onPhoneAt, String heldReason,
                              List<EventView> events) {}

    public record Journey(String orderId, String status, Map<String, Integer> counts, int onPhone, String price,
                          List<MessageView> messages, List<EventView> timeline) {}

    public record Summary(String orderId, String status, int messages, List<String> phones, String createdAt,
                          String lastActivityAt) {}

    public record Page(List<Summary> journeys, String nextCursor) {}

    private final ObjectMapper json;

    public JourneyView(ObjectMapper json) { this.json = json; }

    /** A stored message with its events, read in one transaction; refused when there is none. */
    public MessageView stored(Jdbi reads, long id) {
        return reads.inTransaction(h -> MessageReads.stored(h.getConnection(), id))
                .map(s -> messageOf(s.message(), s.events().stream().map(this::event).toList(), s.resentAs()))
                .orElseThrow(() -> Refused.unknown("no message " + id));
    }

    public EventView event(EventRow e) {
        return new EventView(e.id(), e.messageId(), Detail.instant(e.at()), e.type(), e.status(), e.source(),
                e.repeats(), e.late(), e.conflict(), Detail.instant(e.reportedAt()), e.capped(),
                e.detail());
    }

    public MessageView message(MessageRow m, List<EventRow> events) {
        return messageOf(m, events.stream().map(this::event).toList(), null);
    }

    /** {@code resentAs}: the message that resent this one, when known. */
    private MessageView messageOf(MessageRow m, List<EventView> events, Long resentAs) {
        return new MessageView(m.id(), m.orderId(), m.phone(), m.templateId(), Detail.readList(json, m.params()),
                m.oaId(), m.campaignId(), m.requestId(), m.smsId(), m.status(), m.esmsCode(), m.esmsMessage(),
                m.failureReason(), m.failureKind(), m.zaloMessageId(), m.price(), m.sandbox(), m.simulated(), m.attempts(),
                m.statusEnum() == Status.QUEUED && m.heldReason() == null ? Detail.instant(m.nextAttemptAt()) : null,
                Detail.instant(m.sendBefore()),
                Detail.instant(m.createdAt()), Detail.instant(m.updatedAt()), m.resendOf(), resentAs,
                Detail.instant(m.onPhoneAt()), m.statusEnum() == Status.QUEUED ? m.heldReason() : null, events);
    }

    public Journey journey(String orderId, List<MessageRow> messages, List<EventRow> timeline) {
        // each event's detail is parsed once and shared by its message and the timeline
        List<EventView> views = timeline.stream().map(this::event).toList();
        Map<Long, List<EventView>> byMessage = new LinkedHashMap<>();
        for (EventView e : views) byMessage.computeIfAbsent(e.messageId(), k -> new ArrayList<>()).add(e);
        Map<Long, Long> resentAs = new HashMap<>();
        for (MessageRow m : messages) if (m.resendOf() != null) resentAs.put(m.resendOf(), m.id());
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        int onPhone = 0;
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (MessageRow m : messages) {
            if (!resentAs.containsKey(m.id())) { // a step counts its newest message only
                counts.merge(m.statusEnum(), 1, Integer::sum);
                if (m.onPhoneAt() != null) onPhone++;
            }
            if (m.price() != null) total = total.add(new java.math.BigDecimal(m.price()));
        }
        Map<String, Integer> countNames = new LinkedHashMap<>();
        counts.forEach((k, v) -> countNames.put(k.name(), v));
        return new Journey(orderId, Status.journeyStatus(counts), countNames, onPhone, total.toPlainString(),
                messages.stream().map(m -> messageOf(m, byMessage.getOrDefault(m.id(), List.of()), resentAs.get(m.id()))).toList(),
                views);
    }

    public Summary summary(JourneyRow j) {
        return new Summary(j.orderId(), j.status(), j.messageCount(),
                j.phones().isEmpty() ? List.of() : List.of(j.phones().split(",")),
                Detail.instant(j.createdAt()), Detail.instant(j.lastActivityAt()));
    }
}
