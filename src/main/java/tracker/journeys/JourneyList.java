package tracker.journeys;

import tracker.ledger.JourneyRow;
import tracker.ledger.Phone;
import tracker.web.Input;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import tracker.ApiError;

/** The journeys list: newest first, filtered by a search term and a status, paged by cursor. */
public final class JourneyList {
    public static final int MAX_LIMIT = 200;
    private static final List<String> STATUSES = List.of("ACTIVE", "DELIVERED", "FAILED", "CANCELLED");

    private final Jdbi reads;

    public JourneyList(Jdbi reads) { this.reads = reads; }

    /** {@code q} matches an order id (or its prefix), a phone in any accepted form, or an SMSID. */
    public List<JourneyRow> find(String q, String status, Long cursor, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.badRequest("status must be one of " + STATUSES, "status");
        }
        if (limit < 1 || limit > MAX_LIMIT) throw ApiError.badRequest("limit must be 1 to " + MAX_LIMIT, "limit");
        StringBuilder sql = new StringBuilder("SELECT * FROM journey j WHERE 1 = 1");
        List<Object[]> binds = new ArrayList<>();
        if (q != null && !q.isEmpty()) {
            Input.identifier(q, "q", 100);
            sql.append(" AND j.order_id IN (").append("""
                        SELECT order_id FROM journey WHERE order_id >= :q AND order_id < :qEnd
                        UNION SELECT order_id FROM message WHERE phone_norm = :phone
                        UNION SELECT order_id FROM message WHERE sms_id = :q)""");
            binds.add(new Object[] {"q", q});
            binds.add(new Object[] {"qEnd", q + Character.MAX_VALUE});
            binds.add(new Object[] {"phone", Phone.normalise(q).orElse("")});
        }
        if (status != null) {
            sql.append(" AND j.status = :status");
            binds.add(new Object[] {"status", status});
        }
        if (cursor != null) {
            sql.append(" AND j.id < :cursor");
            binds.add(new Object[] {"cursor", cursor});
        }
        sql.append(" ORDER BY j.id DESC LIMIT :limit");
        return reads.withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("limit", limit);
            for (Object[] b : binds) query.bind((String) b[0], b[1]);
            return query.map(ConstructorMapper.of(JourneyRow.class)).list();
        });
    }
}
