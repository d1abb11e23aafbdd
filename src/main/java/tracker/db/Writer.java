package tracker.db;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where every write goes. On SQLite one thread commits them in groups; on PostgreSQL each runs in its own
 * transaction on the pool. Either way a write's result (and so any 2xx built on it) exists only once committed.
 */
public interface Writer extends AutoCloseable {
    /** Told after each transaction (committed or not) how many writes it held and how long it took. */
    interface BatchObserver {
        void batch(int tasks, long nanos);
    }

    void observe(BatchObserver o);

    /** Runs {@code work} in a write transaction and returns its result once committed. */
    <T> T write(Function<WriteTx, T> work);

    /**
     * Runs {@code work} in a write transaction without waiting for it: the future completes once the transaction has
     * committed (or failed), never on a thread that writes.
     */
    <T> CompletableFuture<T> submit(Function<WriteTx, T> work);

    /** Finishes the writes already taken, then stops. */
    @Override void close();
}
