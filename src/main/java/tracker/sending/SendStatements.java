package tracker.sending;

import tracker.db.Prepared;

/** The send path's bookkeeping on every eSMS answer, on the writer's plain statements (it runs once per send). */
final class SendStatements {
    private final Prepared sql;

    SendStatements(Prepared sql) { this.sql = sql; }

    /** eSMS's answer is in: the call no longer holds the message, so a cancel may decide. */
    void answered(long id) { sql.update("UPDATE message SET in_flight_until = NULL WHERE id = ?", id); }

    /** The call may or may not have reached eSMS: never sent again once its RequestId could be forgotten. */
    void unknownOutcome(long id) { sql.update("UPDATE message SET unknown_outcome = TRUE WHERE id = ?", id); }
}
