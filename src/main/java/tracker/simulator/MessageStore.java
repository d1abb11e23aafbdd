package tracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted messages, RequestIds seen in the last 24 h, and the latest send requests received (for test assertions).
 * Each is bounded, newest kept, so a simulator left running (the quickstart, a demo) does not grow without end: a
 * message forgotten early answers lookups like one eSMS no longer keeps.
 */
final class MessageStore {
    /** Messages kept for lookups: at the simulator's 20 sends/s, the last quarter of an hour or so. */
    static final int MAX_MESSAGES = 20_000;
    static final int MAX_REQUEST_IDS = 100_000;
    static final int MAX_RECEIVED = 1_000;
    private static final Duration REQUEST_ID_MEMORY = Duration.ofHours(24);

    private final Newest<String, Message> messages;
    private final Newest<String, Instant> requestIds;
    private final Deque<Map<String, Object>> received = new ArrayDeque<>();
    private final int maxReceived;
    private final Newest<String, String> byPartner;
    private final Newest<String, AtomicLong> acceptedPerOa = new Newest<>(1_000);

    MessageStore() { this(MAX_MESSAGES, MAX_REQUEST_IDS, MAX_RECEIVED); }

    MessageStore(int maxMessages, int maxRequestIds, int maxReceived) {
        this.messages = new Newest<>(maxMessages);
        this.byPartner = new Newest<>(maxMessages);
        this.requestIds = new Newest<>(maxRequestIds);
        this.maxReceived = maxReceived;
    }

    void recordReceived(Map<String, Object> send) {
        synchronized (received) {
            if (received.size() >= maxReceived) received.pollFirst();
            received.addLast(java.util.Collections.unmodifiableMap(send));
        }
    }

    /** The latest {@link #MAX_RECEIVED} send requests, oldest first. */
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
        acceptedPerOa.compute(message.oaId(), (k, n) -> n == null ? new AtomicLong() : n).incrementAndGet();
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

    int messages() { return messages.size(); }
}
