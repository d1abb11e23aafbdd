package tracker.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The move's SQL, on plain JDBC connections (batches and a streamed read are what it needs). Table and column names
 * come only from {@link MigrateTo}'s fixed list and the databases' own metadata, never from input.
 */
final class MigrateStatements {
    /** A column as the target declares it: its JDBC type decides how a SQLite value is bound (0/1 to a boolean). */
    record Column(String name, int type) {}

    private MigrateStatements() {}

    static List<Column> columns(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) columns.add(new Column(md.getColumnName(i).toLowerCase(), md.getColumnType(i)));
            return Collections.unmodifiableList(columns);
        }
    }

    /** Every row in key order (ids kept, and a resend follows the message it replaces), the target's columns by name. */
    static PreparedStatement readAll(Connection source, String table, String key, List<Column> columns) throws SQLException {
        return source.prepareStatement("SELECT " + names(columns) + " FROM " + table + " ORDER BY " + key);
    }

    static PreparedStatement insert(Connection target, String table, List<Column> columns) throws SQLException {
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        return target.prepareStatement("INSERT INTO " + table + " (" + names(columns) + ") VALUES (" + marks + ")");
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** PostgreSQL: no one else writes our tables until the copy commits (a service started on it meanwhile waits). */
    static void lock(Connection target, List<String> tables) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '10s'");
            s.execute("LOCK TABLE " + String.join(", ", tables) + " IN EXCLUSIVE MODE");
        }
    }

    /** PostgreSQL: the table's identity continues after the copied ids (an empty table starts at 1). */
    static void continueIdentity(Connection target, String table) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table);
        }
    }

    private static String names(List<Column> columns) { return columns.stream().map(Column::name).collect(Collectors.joining(", ")); }
}
