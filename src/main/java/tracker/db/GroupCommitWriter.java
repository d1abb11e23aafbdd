package tracker.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's single writer: one thread, one connection, group commit. Callers block until the transaction
 * holding their work has committed, so an answer of 2xx always follows a durable write.
 */
final class GroupCommitWriter implements Writer {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private record Task<T>(Function<WriteTx, T> work, CompletableFuture<T> done) {}

    private volatile BatchObserver observer = (tasks, nanos) -> { };
    private final BlockingQueue<Task<?>> queue = new ArrayBlockingQueue<>(20_000);
    private final Handle handle;
    private final WriteTx tx;
    private final Thread thread;
    private volatile boolean running = true;
    /** Where submitted writes' futures complete: a few threads, so a slow follower cannot hold up the writer. */
    private final ExecutorService after = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "db-committed");
        t.setDaemon(true);
        return t;
    });

    GroupCommitWriter(Handle handle) {
        this.handle = handle;
        this.tx = new WriteTx(handle, Engine.SQLITE);
        this.thread = new Thread(this::loop, "db-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override public void observe(BatchObserver o) { this.observer = o; }

    @Override public <T> T write(Function<WriteTx, T> work) {
        Task<T> task = enqueue(work);
        try {
            return task.done().get(COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS);
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

    /** The future completes off the writer's own thread, so what follows cannot stall it. */
    @Override public <T> CompletableFuture<T> submit(Function<WriteTx, T> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            enqueue(work).done().whenCompleteAsync((v, e) -> {
                if (e == null) out.complete(v);
                else out.completeExceptionally(e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
            }, after);
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
        }
        return out.orTimeout(COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException
                        ? new StorageUnavailable("write did not commit in time", e) : e));
    }

    private <T> Task<T> enqueue(Function<WriteTx, T> work) {
        if (!running) throw new StorageUnavailable("writer is shut down", null);
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        try {
            if (!queue.offer(task, 2, TimeUnit.SECONDS)) throw new StorageUnavailable("write queue is full", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable("interrupted while waiting for the write", e);
        }
        return task;
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
            Prepared sql = tx.prepared();
            for (int i = 0; i < batch.size(); i++) {
                sql.update("SAVEPOINT task");
                try {
                    results[i] = batch.get(i).work().apply(tx);
                    sql.update("RELEASE task");
                } catch (RuntimeException e) {
                    if (StorageUnavailable.isFault(e)) throw e; // the whole transaction is suspect
                    // plain SQL: Jdbi's own savepoint bookkeeping forgets a savepoint once rolled back to
                    sql.update("ROLLBACK TO task");
                    sql.update("RELEASE task");
                    tx.forgetTask();
                    errors[i] = e;
                } finally {
                    tx.deferredByTask.clear();
                }
            }
            tx.runDeferred();
            handle.commit();
        } catch (RuntimeException e) {
            tx.deferred.clear();
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
        after.shutdown();
        tx.prepared().close();
        handle.close();
    }
}
