package tracker.account;

import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Which Zalo OAs the service has sent for lately: their quotas are worth showing. */
public interface AccountDao {
    @SqlQuery("SELECT DISTINCT oa_id FROM message WHERE created_at > :since AND NOT sandbox ORDER BY oa_id LIMIT :limit")
    List<String> oasUsedSince(long since, int limit);
}
