package tracker.dashboard;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only aggregates for the dashboard overview. Times are epoch milliseconds. */
@RegisterConstructorMapper(OverviewDao.Count.class)
public interface OverviewDao {
    /** Messages created in a bucket of {@code width} ms since {@code since}, by status. */
    record Count(long bucket, String status, int n) {}

    @SqlQuery("""
            SELECT (created_at - :since) / :width AS bucket, status, COUNT(*) AS n
            FROM message WHERE created_at >= :since AND created_at < :until
            GROUP BY bucket, status""")
    List<Count> counts(long since, long until, long width);

    /** Send (stored) to the first event that reported the message's final status, in ms, for finals only. */
    String FINAL_TIMES = """
            SELECT (SELECT MIN(e.at) FROM event e WHERE e.message_id = m.id AND e.status = m.status) - m.created_at AS ms
            FROM message m
            WHERE m.created_at >= :since AND m.created_at < :until AND m.status IN (<finals>)""";

    @SqlQuery("SELECT COUNT(*) FROM (" + FINAL_TIMES + ") AS f WHERE ms IS NOT NULL")
    int finalTimeCount(long since, long until, @BindList("finals") List<String> finals);

    @SqlQuery("SELECT ms FROM (" + FINAL_TIMES + ") AS f WHERE ms IS NOT NULL ORDER BY ms LIMIT :limit OFFSET :offset")
    List<Long> finalTimes(long since, long until, @BindList("finals") List<String> finals, int limit, int offset);
}
