package tracker.db;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's writes: each in its own transaction on a pooled connection, so this instance's writes and other
 * instances' proceed at once; rows they share are locked by the statements that decide on them. A write that lost
 * a deadlock or a serialization race was rolled back whole and runs again.
 */
final class PooledWriter implements Writer {
    private static final Logger log = LoggerFactory.getLogger(PooledWriter.class);
    private static final int TRIES = 5;

    private final Jdbi jdbi;
    private final ThreadPoolExecutor threads;
    private volatile BatchObserver observer = (tasks, nanos) -> { };

    PooledWriter(Jdbi jdbi, int threads) {
        this.jdbi = jdbi;
        this.threads = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000), r -> {
            Thread t = new Thread(r, "db-write");
            t.setDaemon(true);
            return t;
        });
    }

    @Override public void observe(BatchObserver o) { this.observer = o; }

    /** Runs on the calling thread: it waits for the commit anyway. */
    @Override public <T> T write(Function<WriteTx, T> work) { return run(work); }

    @Override public <T> CompletableFuture<T> submit(Function<WriteTx, T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> run(work), threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StorageUnavailable("write queue is full", e));
        }
    }

    private <T> T run(Function<WriteTx, T> work) {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try (Handle h = jdbi.open()) {
                WriteTx tx = new WriteTx(h, Engine.POSTGRESQL);
                try {
                    h.begin();
                    T result = work.apply(tx);
                    tx.runDeferred();
                    h.commit();
                    return result;
                } catch (RuntimeException e) {
                    rollbackQuietly(h);
                    if (attempt < TRIES && StorageUnavailable.isRace(e)) {
                        log.debug("write lost a race ({}), running it again", e.toString());
                        continue;
                    }
                    throw StorageUnavailable.isFault(e) && !(e instanceof StorageUnavailable)
                            ? new StorageUnavailable("write failed", e) : e;
                } finally {
                    tx.prepared().close();
                    observer.batch(1, System.nanoTime() - start);
                }
            } catch (RuntimeException e) {
                // the pool gave no connection (or closing it failed): nothing was written
                throw StorageUnavailable.isFault(e) && !(e instanceof StorageUnavailable) ? new StorageUnavailable("write failed", e) : e;
            }
        }
    }

    private static void rollbackQuietly(Handle h) {
        try {
            if (h.isInTransaction()) h.rollback();
        } catch (RuntimeException e) {
            log.warn("rollback failed: {}", e.toString());
        }
    }

    /** Lets the writes already taken finish, then stops. */
    @Override public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) log.warn("writes still running after 10 s at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
