package bench;

import java.util.Arrays;

/** Latencies in nanoseconds, appended by one thread, merged and summarised at the end. */
final class Stats {
    private long[] values = new long[1 << 16];
    private int size;

    void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    int size() { return size; }

    static Stats merge(Iterable<Stats> parts) {
        Stats all = new Stats();
        for (Stats s : parts) for (int i = 0; i < s.size; i++) all.add(s.values[i]);
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /** Percentile in milliseconds of a merged (sorted) set. */
    double ms(double pct) {
        if (size == 0) return Double.NaN;
        int i = (int) Math.min(size - 1, Math.max(0, Math.ceil(pct / 100.0 * size) - 1));
        return values[i] / 1e6;
    }

    static String f(double ms) { return String.format(java.util.Locale.ROOT, "%.2f", ms); }
}
