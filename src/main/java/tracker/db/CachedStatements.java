package tracker.db;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the writer's prepared statements open and reuses them by SQL text: SQLite re-parses and re-plans a
 * statement on every prepare, which was a large share of each callback's time on the single writer thread.
 * Only for the writer (one thread, one connection); statements asking for generated keys are not cached.
 */
final class CachedStatements implements StatementBuilder {
    private static final int MAX = 64;
    private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException { return plain.create(conn, ctx); }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        if (ctx.isReturningGeneratedKeys()) return plain.create(conn, sql, ctx);
        PreparedStatement ps = cache.get(sql);
        if (ps != null && !ps.isClosed()) return ps;
        ps = conn.prepareStatement(sql);
        if (cache.size() < MAX) cache.put(sql, ps);
        return ps;
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return plain.createCall(conn, sql, ctx);
    }

    /** A cached statement stays open; its result set is already closed (which resets it), so only the bindings go. */
    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        if (stmt instanceof PreparedStatement ps && cache.get(sql) == ps) ps.clearParameters();
        else plain.close(conn, sql, stmt);
    }

    @Override
    public void close(Connection conn) {
        for (PreparedStatement ps : cache.values()) {
            try { ps.close(); } catch (SQLException ignored) { /* closing anyway */ }
        }
        cache.clear();
    }
}
