package tracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Accepted messages, RequestIds seen in the last 24 h, and every send request received (for test assertions). */
final class MessageStore {
    private static final Duration REQUEST_ID_MEMORY = Duration.ofHours(24);

    private final Map<String, Message> messages = new ConcurrentHashMap<>();
    private final Map<String, String> byPartner = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> acceptedPerOa = new ConcurrentHashMap<>();
    private final Map<String, Instant> requestIds = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> received = Collections.synchronizedList(new ArrayList<>());

    void recordReceived(Map<String, Object> send) {
        received.add(Collections.unmodifiableMap(send));
    }

    List<Map<String, Object>> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    boolean requestIdSeen(String requestId) {
        Instant at = requestIds.get(requestId);
        return at != null && at.plus(REQUEST_ID_MEMORY).isAfter(Instant.now());
    }

    /** Remembers the RequestId; false when it was already taken within 24 h. Atomic, so two racing sends can't both win. */
    boolean claimRequestId(String requestId) {
        Instant now = Instant.now();
        boolean[] claimed = {false};
        requestIds.compute(requestId, (k, at) -> {
            if (at != null && at.plus(REQUEST_ID_MEMORY).isAfter(now)) return at;
            claimed[0] = true;
            return now;
        });
        return claimed[0];
    }

    void put(Message message) {
        messages.put(message.smsId(), message);
        if (!message.partnerId().isEmpty()) byPartner.put(message.partnerId(), message.smsId());
        acceptedPerOa.computeIfAbsent(message.oaId(), k -> new AtomicLong()).incrementAndGet();
    }

    /** Messages accepted for an OA so far (the simulator's day never ends): what its quota has used. */
    long acceptedFor(String oaId) {
        AtomicLong n = acceptedPerOa.get(oaId);
        return n == null ? 0 : n.get();
    }

    /** For a delivered message known by Zalo's id: "now" (it is on the phone by the time anyone asks); else null. */
    Long deliveredAt(String partnerId) {
        String smsId = byPartner.get(partnerId);
        Message m = smsId == null ? null : messages.get(smsId);
        return m != null && m.current().sendSuccess() == 1 ? System.currentTimeMillis() : null;
    }

    Optional<Message> get(String smsId) {
        return Optional.ofNullable(messages.get(smsId));
    }
}
