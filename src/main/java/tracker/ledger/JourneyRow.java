package tracker.ledger;

/** One row of the journey table: the list view's summary of an order. */
public record JourneyRow(long id, String orderId, String status, int messageCount, long createdAt,
                         long lastActivityAt, String phones) {}
