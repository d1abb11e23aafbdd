package tracker.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A message's delivery status, in the order it may move; the last group are final. */
public enum Status {
    QUEUED(0), ACCEPTED(1), PENDING_APPROVAL(2), WAITING(3), SENT(4),
    DELIVERED(5), FAILED(5), REJECTED(5), EXPIRED(5), CANCELLED(5);

    /** Not final yet: for SQL, bound as a list (never spelled in a query). */
    public static final List<String> OPEN = names(s -> !s.isFinal());
    /** Not final and handed to eSMS: a callback or an answer to a question may still come. */
    public static final List<String> AT_ESMS = names(s -> !s.isFinal() && s != QUEUED);
    /** Final statuses of messages that reached eSMS (a cancelled one never did). */
    public static final List<String> FINAL_SENT = names(s -> s.isFinal() && s != CANCELLED);

    private final int rank;

    Status(int rank) { this.rank = rank; }

    public boolean isFinal() { return rank == 5; }

    int rank() { return rank; }

    public static List<String> names(Predicate<Status> which) {
        return Arrays.stream(values()).filter(which).map(Enum::name).toList();
    }

    /** Journey status from the counts of its messages' statuses; cancelled messages only count when all are. */
    public static String journeyStatus(Map<Status, Integer> counts) {
        int total = 0, delivered = 0, bad = 0;
        boolean open = false;
        for (var e : counts.entrySet()) {
            if (e.getKey() == CANCELLED) continue;
            total += e.getValue();
            if (!e.getKey().isFinal()) open = true;
            if (e.getKey() == DELIVERED) delivered += e.getValue();
            else if (e.getKey().isFinal()) bad += e.getValue();
        }
        if (total == 0 && counts.getOrDefault(CANCELLED, 0) > 0) return "CANCELLED";
        if (open || total == 0) return "ACTIVE";
        if (delivered == total) return "DELIVERED";
        return bad > 0 ? "FAILED" : "ACTIVE";
    }
}
