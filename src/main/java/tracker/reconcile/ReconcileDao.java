package tracker.reconcile;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tracker.ledger.Status;

/** The reconciler's SQL: which messages to ask eSMS about and which to expire. */
@RegisterConstructorMapper(ReconcileDao.Due.class)
@RegisterConstructorMapper(ReconcileDao.Expiring.class)
public interface ReconcileDao {
    /** A message the reconciler may ask eSMS about; {@code checks} is how often it already asked. */
    record Due(long id, String orderId, String smsId, String oaId, int checks) {}

    record Expiring(long id, String orderId, String smsId, boolean sandbox, String status, long acceptedAt) {}

    /**
     * Open messages at eSMS with an SMSID, quiet since {@code quietSince} and whose next question is due; a claim's
     * read: rows another instance is claiming are skipped (its claim moves their next question on).
     */
    default List<Due> due(long now, long quietSince, int limit) { return due(Status.AT_ESMS, now, quietSince, limit); }

    @SqlQuery("""
            SELECT id, order_id, sms_id, oa_id, checks FROM message
            WHERE status IN (<atEsms>) AND NOT sandbox AND sms_id IS NOT NULL
              AND updated_at <= :quietSince AND (next_check_at IS NULL OR next_check_at <= :now)
            ORDER BY COALESCE(next_check_at, updated_at), id LIMIT :limit<skipLocked>""")
    List<Due> due(@BindList("atEsms") List<String> atEsms, long now, long quietSince, int limit);

    @SqlQuery("SELECT id, order_id, sms_id, oa_id, checks FROM message WHERE id = :id")
    Optional<Due> one(long id);

    @SqlUpdate("UPDATE message SET checks = checks + 1, next_check_at = :next WHERE id = :id")
    void asked(long id, long next);

    /**
     * Open messages at eSMS accepted (or, without an ACCEPTED event, created) before the cutoff; locked, skipping rows
     * another instance is expiring (one level, no derived table: FOR UPDATE needs the message rows themselves).
     */
    default List<Expiring> expiring(long cutoff, int limit) {
        return expiring(Status.AT_ESMS, Status.ACCEPTED.name(), cutoff, limit);
    }

    String ACCEPTED_AT = "COALESCE((SELECT MIN(e.at) FROM event e WHERE e.message_id = m.id AND e.status = :accepted), m.created_at)";

    @SqlQuery("SELECT m.id, m.order_id, m.sms_id, m.sandbox, m.status, " + ACCEPTED_AT + " AS accepted_at FROM message m"
            + " WHERE m.status IN (<atEsms>) AND m.created_at <= :cutoff AND " + ACCEPTED_AT + " <= :cutoff"
            + " ORDER BY m.id LIMIT :limit<skipLocked>")
    List<Expiring> expiring(@BindList("atEsms") List<String> atEsms, String accepted, long cutoff, int limit);
}
