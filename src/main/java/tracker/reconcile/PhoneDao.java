package tracker.reconcile;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import tracker.ledger.Status;

/** Delivered messages not yet known to be on the customer's phone, and the questions asked about them. */
@RegisterConstructorMapper(PhoneDao.Pending.class)
public interface PhoneDao {
    record Pending(long id, String orderId, String oaId, String zaloMessageId, int phoneChecks) {}

    /**
     * Delivered between the two times, with Zalo's message id, and whose next question is due; a claim's read: rows
     * another instance is claiming are skipped.
     */
    default List<Pending> due(long now, long deliveredAfter, long deliveredBy, int limit) {
        return due(Status.DELIVERED.name(), now, deliveredAfter, deliveredBy, limit);
    }

    @SqlQuery("""
            SELECT id, order_id, oa_id, zalo_message_id, phone_checks FROM message
            WHERE status = :delivered AND on_phone_at IS NULL AND zalo_message_id IS NOT NULL AND NOT sandbox
              AND updated_at > :deliveredAfter AND updated_at <= :deliveredBy
              AND (next_phone_check_at IS NULL OR next_phone_check_at <= :now)
            ORDER BY COALESCE(next_phone_check_at, updated_at), id LIMIT :limit<skipLocked>""")
    List<Pending> due(String delivered, long now, long deliveredAfter, long deliveredBy, int limit);

    @SqlUpdate("UPDATE message SET phone_checks = phone_checks + 1, next_phone_check_at = :next WHERE id = :id")
    void asked(long id, long next);
}
