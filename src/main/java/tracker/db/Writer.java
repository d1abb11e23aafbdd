package tracker.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread, one connection, group commit. Callers block until the transaction
 * holding their work has committed, so an answer of 2xx always follows a durable write.
 */
public final class Writer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_BATCH = 512;

    private record Task<T>(Function<Tx, T> work, CompletableFuture<T> done) {}

    /** What a write task sees: the writer's handle and its SqlObject DAOs, attached once and reused. */
    public static final class Tx {
        private final Handle handle;
        private final Map<Class<?>, Object> daos = new HashMap<>();

        Tx(Handle handle) { this.handle = handle; }

        public Handle handle() { return handle; }

        public <D> D dao(Class<D> type) { return type.cast(daos.computeIfAbsent(type, handle::attach)); }
    }

    /** Told after each transaction (committed or not) how many writes it held and how long it took. */
    public interface BatchObserver {
        void batch(int tasks, long nanos);
    }

    private volatile BatchObserver observer = (tasks, nanos) -> { };
    private final BlockingQueue<Task<?>> queue = new ArrayBlockingQueue<>(20_000);
    private final Handle handle;
    private final Tx tx;
    private final Thread thread;
    private volatile boolean running = true;

    Writer(Handle handle) {
        this.handle = handle;
        this.tx = new Tx(handle);
        this.thread = new Thread(this::loop, "db-writer");
        thread.setDaemon(true);
        thread.start();
    }

    public void observe(BatchObserver o) { this.observer = o; }

    /** Runs {@code work} in the next write transaction and returns its result once committed. */
    public <T> T write(Function<Tx, T> work) {
        if (!running) throw new StorageUnavailable("writer is shut down", null);
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        try {
            if (!queue.offer(task, 2, TimeUnit.SECONDS)) throw new StorageUnavailable("write queue is full", null);
            return task.done().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable("interrupted while waiting for the write", e);
        } catch (TimeoutException e) {
            throw new StorageUnavailable("write did not commit in time", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new StorageUnavailable("write failed", e.getCause());
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                long start = System.nanoTime();
                runBatch(batch);
                observer.batch(batch.size(), System.nanoTime() - start);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | Error e) {
                log.error("writer loop failed; failing {} queued writes", batch.size(), e);
                failAll(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] errors = new Throwable[batch.size()];
        try {
            handle.begin();
            for (int i = 0; i < batch.size(); i++) {
                handle.execute("SAVEPOINT task");
                try {
                    results[i] = batch.get(i).work().apply(tx);
                    handle.execute("RELEASE task");
                } catch (RuntimeException e) {
                    if (StorageUnavailable.isFault(e)) throw e; // the whole transaction is suspect
                    // plain SQL: Jdbi's own savepoint bookkeeping forgets a savepoint once rolled back to
                    handle.execute("ROLLBACK TO task");
                    handle.execute("RELEASE task");
                    errors[i] = e;
                }
            }
            handle.commit();
        } catch (RuntimeException e) {
            rollbackQuietly();
            log.warn("write transaction of {} tasks failed: {}", batch.size(), e.toString());
            failAll(batch, StorageUnavailable.isFault(e) ? new StorageUnavailable("write failed", e) : e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results[i], errors[i]);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result, Throwable error) {
        if (error != null) task.done().completeExceptionally(error);
        else task.done().complete((T) result);
    }

    private void failAll(List<Task<?>> batch, Throwable e) {
        Throwable reported = e instanceof StorageUnavailable ? e : new StorageUnavailable("write failed", e);
        for (Task<?> t : batch) t.done().completeExceptionally(reported);
    }

    private void rollbackQuietly() {
        try {
            if (handle.isInTransaction()) handle.rollback();
        } catch (RuntimeException e) {
            log.warn("rollback failed: {}", e.toString());
        }
    }

    /** Finishes the writes already queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handle.close();
    }
}
