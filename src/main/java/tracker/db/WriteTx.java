package tracker.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** What a write task sees: the writer's handle, its SqlObject DAOs and its plain statements, made once and reused. */
public final class WriteTx {
    /** Work a task leaves for the end of its batch, once per key however many tasks asked (e.g. a journey's recount). */
    public interface Deferred {
        void run(WriteTx tx);
    }

    private final Handle handle;
    private final Engine engine;
    private final Prepared prepared;
    private final Map<Class<?>, Object> daos = new HashMap<>();
    final Map<Object, Deferred> deferred = new LinkedHashMap<>();
    final List<Object> deferredByTask = new ArrayList<>();

    WriteTx(Handle handle, Engine engine) {
        this.handle = handle;
        this.engine = engine;
        this.prepared = new Prepared(handle.getConnection(), engine);
    }

    public Handle handle() { return handle; }

    public Engine engine() { return engine; }

    public <D> D dao(Class<D> type) { return type.cast(daos.computeIfAbsent(type, handle::attach)); }

    public Prepared prepared() { return prepared; }

    /** The batch's deferred work under {@code key}, made by {@code make} the first time; runs before the commit. */
    public <D extends Deferred> D deferred(Object key, Class<D> type, Supplier<D> make) {
        return type.cast(deferred.computeIfAbsent(key, k -> {
            deferredByTask.add(k);
            return make.get();
        }));
    }

    /** A task rolled back to its savepoint: what only it deferred goes too (shared work stays: it is recomputed). */
    void forgetTask() { deferredByTask.forEach(deferred::remove); }

    void runDeferred() {
        // a deferred step may defer more (none does today); each key still runs once
        while (!deferred.isEmpty()) {
            var it = deferred.entrySet().iterator();
            var next = it.next();
            it.remove();
            next.getValue().run(this);
        }
    }
}
