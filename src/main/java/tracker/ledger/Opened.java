package tracker.ledger;

/** The stored message, and whether it already existed (the same requestId sent again). */
public record Opened(MessageRow message, boolean existed) {}
