package tracker.reconcile;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tracker.ledger.MessageRow;

/** The reconciler's SQL: which messages to ask eSMS about, which to expire, which are stuck. */
@RegisterConstructorMapper(ReconcileDao.Due.class)
@RegisterConstructorMapper(ReconcileDao.Expiring.class)
@RegisterConstructorMapper(MessageRow.class)
public interface ReconcileDao {
    /** A message the reconciler may ask eSMS about; {@code checks} is how often it already asked. */
    record Due(long id, String orderId, String smsId, String oaId, int checks) {}

    record Expiring(long id, String orderId, String smsId, boolean sandbox, String status, long acceptedAt) {}

    /** Open messages with an SMSID, quiet since {@code quietSince} and whose next question is due. */
    @SqlQuery("""
            SELECT id, order_id, sms_id, oa_id, checks FROM message
            WHERE status IN ('ACCEPTED', 'PENDING_APPROVAL', 'WAITING', 'SENT') AND sandbox = 0 AND sms_id IS NOT NULL
              AND updated_at <= :quietSince AND (next_check_at IS NULL OR next_check_at <= :now)
            ORDER BY COALESCE(next_check_at, updated_at), id LIMIT :limit""")
    List<Due> due(long now, long quietSince, int limit);

    @SqlQuery("SELECT id, order_id, sms_id, oa_id, checks FROM message WHERE id = :id")
    java.util.Optional<Due> one(long id);

    @SqlUpdate("UPDATE message SET checks = checks + 1, next_check_at = :next WHERE id = :id")
    void asked(long id, long next);

    /** Open messages accepted (or, without an ACCEPTED event, created) before the cutoff. */
    @SqlQuery("""
            SELECT id, order_id, sms_id, sandbox, status, accepted_at FROM (
                SELECT m.id, m.order_id, m.sms_id, m.sandbox, m.status,
                       COALESCE((SELECT MIN(e.at) FROM event e WHERE e.message_id = m.id AND e.status = 'ACCEPTED'),
                                m.created_at) AS accepted_at
                FROM message m
                WHERE m.status IN ('ACCEPTED', 'PENDING_APPROVAL', 'WAITING', 'SENT') AND m.created_at <= :cutoff)
            WHERE accepted_at <= :cutoff ORDER BY id LIMIT :limit""")
    List<Expiring> expiring(long cutoff, int limit);

    /** Messages not final and created before {@code createdBefore}, oldest first, paged by id. */
    @SqlQuery("""
            SELECT * FROM message
            WHERE status IN ('QUEUED', 'ACCEPTED', 'PENDING_APPROVAL', 'WAITING', 'SENT')
              AND created_at <= :createdBefore AND id > :after
            ORDER BY id LIMIT :limit""")
    List<MessageRow> stuck(long createdBefore, long after, int limit);
}
