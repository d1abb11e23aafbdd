package tracker.db;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The database could not take a write (busy, full, read-only, I/O): answered 503, nothing was stored. */
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
            if (c instanceof SQLException se && se.getMessage() != null
                    && se.getMessage().contains("database connection closed")) return true;
        }
        return false;
    }
}
