package tracker.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A message's delivery status, in the order it may move; the last group are final. VALIDATED: a sandbox send eSMS
 * checked and answered 100; nothing was delivered and nothing more will come.
 */
public enum Status {
    QUEUED(0), ACCEPTED(1), PENDING_APPROVAL(2), WAITING(3), SENT(4),
    DELIVERED(5), FAILED(5), REJECTED(5), EXPIRED(5), CANCELLED(5), VALIDATED(5);

    /** Not final yet: for SQL, bound as a list (never spelled in a query). */
    public static final List<String> OPEN = names(s -> !s.isFinal());
    /** Not final and handed to eSMS: a callback or an answer to a question may still come. */
    public static final List<String> AT_ESMS = names(s -> !s.isFinal() && s != QUEUED);
    /** Final statuses of messages that were really sent (a cancelled one never was, a sandbox one was only checked). */
    public static final List<String> FINAL_SENT = names(s -> s.isFinal() && s != CANCELLED && s != VALIDATED);
    /** What a journey's status can be. */
    public static final List<String> JOURNEY = List.of("ACTIVE", "DELIVERED", "FAILED", "CANCELLED", "VALIDATED");

    private final int rank;

    Status(int rank) { this.rank = rank; }

    public boolean isFinal() { return rank == 5; }

    /** Final and not delivered through a fault of its own: these carry a failure reason and kind. */
    public boolean isFailure() { return this == FAILED || this == REJECTED || this == EXPIRED; }

    int rank() { return rank; }

    public static List<String> names(Predicate<Status> which) {
        return Arrays.stream(values()).filter(which).map(Enum::name).toList();
    }

    /**
     * Journey status from the counts of its messages' statuses. Cancelled and sandbox (VALIDATED) messages count
     * only when nothing else does: then the journey is VALIDATED if any was validated, else CANCELLED.
     */
    public static String journeyStatus(Map<Status, Integer> counts) {
        int total = 0, delivered = 0, bad = 0;
        boolean open = false;
        for (var e : counts.entrySet()) {
            if (e.getKey() == CANCELLED || e.getKey() == VALIDATED) continue;
            total += e.getValue();
            if (!e.getKey().isFinal()) open = true;
            if (e.getKey() == DELIVERED) delivered += e.getValue();
            else if (e.getKey().isFinal()) bad += e.getValue();
        }
        if (total == 0 && counts.getOrDefault(VALIDATED, 0) > 0) return "VALIDATED";
        if (total == 0 && counts.getOrDefault(CANCELLED, 0) > 0) return "CANCELLED";
        if (open || total == 0) return "ACTIVE";
        if (delivered == total) return "DELIVERED";
        return bad > 0 ? "FAILED" : "ACTIVE";
    }
}
