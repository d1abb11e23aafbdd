package tracker.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** A thread-safe map that keeps only its newest {@code max} entries: the oldest inserted makes room. */
final class Newest<K, V> {
    private final Map<K, V> map;

    Newest(int max) {
        this.map = new LinkedHashMap<>() {
            @Override protected boolean removeEldestEntry(Map.Entry<K, V> eldest) { return size() > max; }
        };
    }

    synchronized V get(K key) { return map.get(key); }

    synchronized void put(K key, V value) { map.put(key, value); }

    synchronized V compute(K key, BiFunction<? super K, ? super V, ? extends V> remap) { return map.compute(key, remap); }

    synchronized int size() { return map.size(); }
}
