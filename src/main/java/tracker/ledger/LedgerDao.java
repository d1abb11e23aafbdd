package tracker.ledger;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads of the ledger's tables (journeys, messages, events); the writes are {@link LedgerStatements}'. Standard SQL. */
@RegisterRowMapper(MessageRow.Mapper.class)
@RegisterRowMapper(EventRow.Mapper.class)
@RegisterConstructorMapper(JourneyRow.class)
public interface LedgerDao extends SqlObject {
    @SqlQuery("SELECT * FROM journey WHERE order_id = :orderId")
    Optional<JourneyRow> journey(String orderId);

    @SqlQuery("SELECT * FROM message WHERE id = :id")
    Optional<MessageRow> message(long id);

    @SqlQuery("SELECT * FROM message WHERE order_id = :orderId ORDER BY id")
    List<MessageRow> messagesOfJourney(String orderId);

    /** When eSMS accepted the message (its first ACCEPTED event), or when it was created if it never was. */
    default long acceptedAt(long messageId) { return acceptedAt(messageId, Status.ACCEPTED.name()); }

    @SqlQuery("""
            SELECT COALESCE((SELECT MIN(at) FROM event WHERE message_id = :messageId AND status = :accepted),
                            (SELECT created_at FROM message WHERE id = :messageId))""")
    long acceptedAt(long messageId, String accepted);

    @SqlQuery("""
            SELECT e.* FROM event e JOIN message m ON m.id = e.message_id
            WHERE m.order_id = :orderId ORDER BY e.at, e.id""")
    List<EventRow> eventsOfJourney(String orderId);

    /** Messages in one of {@code statuses}, e.g. the retry queue's depth. */
    @SqlQuery("SELECT COUNT(*) FROM message WHERE status IN (<statuses>)")
    long countIn(@BindList("statuses") List<String> statuses);

    /** Messages not final and created at or before {@code createdBefore}, oldest first, paged by id. */
    default List<MessageRow> stuck(long createdBefore, long afterId, int limit) {
        return stuck(Status.OPEN, createdBefore, afterId, limit);
    }

    @SqlQuery("""
            SELECT * FROM message WHERE status IN (<open>) AND created_at <= :createdBefore AND id > :afterId
            ORDER BY id LIMIT :limit""")
    List<MessageRow> stuck(@BindList("open") List<String> open, long createdBefore, long afterId, int limit);

    default int stuckCount(long createdBefore) { return stuckCount(Status.OPEN, createdBefore); }

    @SqlQuery("SELECT COUNT(*) FROM message WHERE status IN (<open>) AND created_at <= :createdBefore")
    int stuckCount(@BindList("open") List<String> open, long createdBefore);
}
