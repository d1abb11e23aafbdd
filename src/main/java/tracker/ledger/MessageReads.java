package tracker.ledger;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import tracker.db.Prepared;

/** One message as stored, with its events and the message that resent it: read after every send, so on plain statements. */
public final class MessageReads {
    /** {@code resentAs}: the message that resent this one, or null. */
    public record Stored(MessageRow message, List<EventRow> events, Long resentAs) {}

    private MessageReads() {}

    /** Reads on {@code c}, in the caller's transaction (one snapshot for all three). */
    public static Optional<Stored> stored(Connection c, long id) {
        try (Prepared sql = new Prepared(c)) {
            LedgerStatements s = new LedgerStatements(sql);
            return s.message(id).map(m -> new Stored(m, s.events(id), s.resentAs(id).orElse(null)));
        }
    }
}
