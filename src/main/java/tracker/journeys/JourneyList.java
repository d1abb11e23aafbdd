package tracker.journeys;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import tracker.ledger.JourneyRow;
import tracker.ledger.Phone;
import tracker.ledger.Refused;
import tracker.ledger.Status;
import tracker.web.Input;

/** The journeys list: newest first, filtered by a search term and a status, paged by cursor. */
public final class JourneyList {
    private static final List<String> STATUSES = Status.JOURNEY;

    private final Jdbi reads;

    public JourneyList(Jdbi reads) { this.reads = reads; }

    /** {@code q} matches an order id (or its prefix), a phone in any accepted form, or an SMSID. */
    public List<JourneyRow> find(String q, String status, Long cursor, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw Refused.invalid("status must be one of " + STATUSES, "status");
        }
        if (q != null) Input.identifier(q, "q", 100);
        String phone = q == null ? null : Phone.normalise(q).orElse("");
        long before = cursor == null ? Long.MAX_VALUE : cursor;
        return reads.withExtension(JourneyListDao.class, d -> d.find(q, phone, status, before, limit));
    }
}
