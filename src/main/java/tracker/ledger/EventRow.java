package tracker.ledger;

/**
 * One row of the event table: something that happened to a message, as received or done; reportedAt is eSMS's own
 * time. {@code capped}: how many of its repeats were other callbacks, counted here because the message already held
 * its cap of distinct ones.
 */
public record EventRow(long id, long messageId, long at, String type, String status, String source, int repeats,
                       boolean late, boolean conflict, String detail, Long reportedAt, int capped) {}
