package tracker.journeys;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import tracker.ledger.JourneyRow;

/** The journeys list: one query, its two optional filters as fixed fragments (so each keeps its index plan). */
@RegisterConstructorMapper(JourneyRow.class)
public interface JourneyListDao {
    /** An order id or its beginning, a phone in normal form, or an SMSID. */
    String MATCHING = """
            AND j.order_id IN (SELECT order_id FROM journey WHERE order_id >= :q AND order_id < :qEnd
                               UNION SELECT order_id FROM message WHERE phone_norm = :phone
                               UNION SELECT order_id FROM message WHERE sms_id = :q)""";
    String OF_STATUS = "AND j.status = :status";

    /** Newest first, below {@code beforeId}; {@code q} and {@code status} may be null (no filter). */
    default List<JourneyRow> find(String q, String phone, String status, long beforeId, int limit) {
        return find(q == null ? "" : MATCHING, status == null ? "" : OF_STATUS, q,
                q == null ? null : q + Character.MAX_VALUE, phone, status, beforeId, limit);
    }

    @SqlQuery("SELECT * FROM journey j WHERE j.id < :beforeId <matching> <ofStatus> ORDER BY j.id DESC LIMIT :limit")
    @AllowUnusedBindings
    List<JourneyRow> find(@Define("matching") String matching, @Define("ofStatus") String ofStatus, String q,
                          String qEnd, String phone, String status, long beforeId, int limit);
}
