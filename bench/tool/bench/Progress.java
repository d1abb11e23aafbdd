package bench;

import java.util.function.LongSupplier;

/** Prints how far a long step has got every five seconds, so nobody wonders whether it hangs. */
final class Progress implements AutoCloseable {
    private final Thread thread;

    Progress(String label, LongSupplier done, long total) {
        long start = System.nanoTime();
        thread = Bench.thread(() -> {
            long last = 0;
            try {
                while (true) {
                    Thread.sleep(5_000);
                    long n = done.getAsLong();
                    System.out.printf("  %s: %d%s after %.0f s (%d/s lately)%n", label, n, total > 0 ? " of " + total : "",
                            (System.nanoTime() - start) / 1e9, (n - last) / 5);
                    last = n;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() { thread.interrupt(); }
}
