package tracker.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One row of the event table: something that happened to a message, as received or done; reportedAt is eSMS's own
 * time. {@code capped}: how many of its repeats were other callbacks, counted here because the message already held
 * its cap of distinct ones.
 */
public record EventRow(long id, long messageId, long at, String type, String status, String source, int repeats,
                       boolean late, boolean conflict, String detail, Long reportedAt, int capped) {

    /** By hand, as {@link MessageRow.Mapper}: a journey's answer maps hundreds of these. */
    public static final class Mapper implements RowMapper<EventRow> {
        @Override
        public EventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new EventRow(rs.getLong("id"), rs.getLong("message_id"), rs.getLong("at"), rs.getString("type"),
                    rs.getString("status"), rs.getString("source"), rs.getInt("repeats"), rs.getBoolean("late"),
                    rs.getBoolean("conflict"), rs.getString("detail"), MessageRow.optionalLong(rs, "reported_at"),
                    rs.getInt("capped"));
        }
    }
}
