package tracker.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The database could not take a write (busy, full, read-only, I/O, unreachable): answered 503, nothing was stored. */
public final class StorageUnavailable extends RuntimeException {
    public StorageUnavailable(String message, Throwable cause) { super(message, cause); }

    /** True when the throwable, or a cause of it, is a storage fault rather than a bug in our SQL. */
    public static boolean isFault(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StorageUnavailable) return true;
            if (c instanceof SQLiteException se) {
                SQLiteErrorCode code = se.getResultCode();
                int primary = code == null ? -1 : code.code & 0xff;
                // BUSY, LOCKED, IOERR, CORRUPT, FULL, CANTOPEN, READONLY, NOTADB
                return primary == 5 || primary == 6 || primary == 10 || primary == 11 || primary == 13
                        || primary == 14 || primary == 8 || primary == 26;
            }
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException) return true;
            if (c instanceof SQLException se && se.getSQLState() != null && !(c instanceof SQLiteException)) {
                // PostgreSQL: connection (08), transaction rolled back (40), out of disk or memory (53),
                // shut down or cancelled (57), system error (58), read-only transaction (25006)
                String state = se.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("58") || state.equals("25006")) return true;
            }
            if (c instanceof SQLException se && se.getMessage() != null
                    && se.getMessage().contains("database connection closed")) return true;
        }
        return false;
    }

    /** True when a write lost a deadlock or a serialization race: rolled back whole, it may simply run again. */
    public static boolean isRace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException se && ("40P01".equals(se.getSQLState()) || "40001".equals(se.getSQLState()))) return true;
        }
        return false;
    }
}
