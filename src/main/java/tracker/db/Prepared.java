package tracker.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain JDBC on the writer's connection, each statement prepared once and kept: on the hot path Jdbi's
 * per-statement work (context, argument factories, mappers) cost more than SQLite itself (profiled).
 * One thread only, like the writer that owns it; a reader may use one for a transaction and close it.
 */
public final class Prepared implements AutoCloseable {
    /** Reads one row of a result set. */
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection conn;
    private final Engine engine;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** For reads that need no engine-specific statement (no lock: a reader changes nothing). */
    public Prepared(Connection conn) { this(conn, null); }

    public Prepared(Connection conn, Engine engine) {
        this.conn = conn;
        this.engine = engine;
    }

    /** The engine this connection talks to, for the few statements that differ ({@link Engine}). */
    public Engine engine() {
        if (engine == null) throw new IllegalStateException("a reader's statements have no engine-specific SQL");
        return engine;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int update(String sql, Object... args) {
        try {
            return bind(sql, args).executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** The first row, if any. */
    public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        try (ResultSet rs = bind(sql, args).executeQuery()) {
            return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Every row. */
    public <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (ResultSet rs = bind(sql, args).executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(row.read(rs));
            return out;
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** The first column of the first row as a long (a count, an id, a RETURNING value); 0 when there is no row. */
    public long number(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Runs an INSERT and returns the id the database gave the new row. */
    public long insert(String sql, Object... args) {
        return one(sql + " RETURNING id", rs -> rs.getLong(1), args)
                .orElseThrow(() -> new IllegalStateException("insert returned no id"));
    }

    private PreparedStatement bind(String sql, Object[] args) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.NULL);
            else if (a instanceof String s) ps.setString(i + 1, s);
            else if (a instanceof Long l) ps.setLong(i + 1, l);
            else if (a instanceof Integer n) ps.setInt(i + 1, n);
            else if (a instanceof Boolean b) ps.setBoolean(i + 1, b);
            else throw new IllegalArgumentException("cannot bind a " + a.getClass().getSimpleName());
        }
        return ps;
    }

    /** A statement that failed may be left unusable by the driver (seen on a full disk): it is prepared afresh next time. */
    private RuntimeException failed(String sql, SQLException e) {
        PreparedStatement ps = statements.remove(sql);
        try {
            if (ps != null) ps.close();
        } catch (SQLException ignored) { /* dropping it anyway */ }
        return StorageUnavailable.isFault(e) ? new StorageUnavailable("database fault", e)
                : new IllegalStateException("statement failed: " + e.getMessage(), e);
    }

    /** Closes every statement (the connection stays its owner's). */
    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try { ps.close(); } catch (SQLException ignored) { /* closing anyway */ }
        }
        statements.clear();
    }
}
