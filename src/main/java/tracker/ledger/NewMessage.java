package tracker.ledger;

/** A message to store with its first event; {@code inFlightUntil} holds off the retry loop while it is sent. */
public record NewMessage(MessageRow row, Long inFlightUntil, Report first) {}
