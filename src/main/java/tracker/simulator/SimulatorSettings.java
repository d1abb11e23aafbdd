package tracker.simulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * How the simulator behaves. Shares are probabilities (0..1) applied to recipients whose number is not one of
 * the magic numbers documented on {@link Outcomes}; with a fixed {@code seed} the draws are reproducible.
 * {@code nanoTime} is the time source of the rate limits ({@code System::nanoTime}; tests can drive it by hand).
 */
public record SimulatorSettings(String apiKey, String secretKey, long seed, Duration firstCallbackDelay,
                                Duration stepDelay, Duration callbackTimeout, double failureShare, double rejectShare,
                                double duplicateShare, double outOfOrderShare, double lostShare, LongSupplier nanoTime) {

    public SimulatorSettings {
        requireShare(failureShare + rejectShare, "failureShare + rejectShare");
        requireShare(duplicateShare, "duplicateShare");
        requireShare(outOfOrderShare, "outOfOrderShare");
        requireShare(lostShare, "lostShare");
        if (firstCallbackDelay.isNegative() || stepDelay.isNegative() || callbackTimeout.isNegative()
                || callbackTimeout.isZero()) {
            throw new IllegalArgumentException("delays must be >= 0 and callbackTimeout > 0");
        }
        if (nanoTime == null) throw new IllegalArgumentException("nanoTime must be set");
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings("sim-api-key", "sim-secret-key", ThreadLocalRandom.current().nextLong(),
                Duration.ofMillis(300), Duration.ofMillis(700), Duration.ofSeconds(2), 0.10, 0.05, 0.10, 0.10, 0.03,
                System::nanoTime);
    }

    /** Defaults with every random share at zero: only the magic numbers misbehave. Handy for tests. */
    public static SimulatorSettings quiet() {
        return defaults().withShares(0, 0, 0, 0, 0);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(apiKey, secretKey, newSeed, firstCallbackDelay, stepDelay, callbackTimeout,
                failureShare, rejectShare, duplicateShare, outOfOrderShare, lostShare, nanoTime);
    }

    public SimulatorSettings withDelays(Duration first, Duration step) {
        return new SimulatorSettings(apiKey, secretKey, seed, first, step, callbackTimeout,
                failureShare, rejectShare, duplicateShare, outOfOrderShare, lostShare, nanoTime);
    }

    public SimulatorSettings withCallbackTimeout(Duration timeout) {
        return new SimulatorSettings(apiKey, secretKey, seed, firstCallbackDelay, stepDelay, timeout,
                failureShare, rejectShare, duplicateShare, outOfOrderShare, lostShare, nanoTime);
    }

    public SimulatorSettings withShares(double failure, double reject, double duplicate, double outOfOrder,
                                        double lost) {
        return new SimulatorSettings(apiKey, secretKey, seed, firstCallbackDelay, stepDelay, callbackTimeout,
                failure, reject, duplicate, outOfOrder, lost, nanoTime);
    }

    /** The same settings with rate limits timed by {@code source} (nanoseconds, like {@code System::nanoTime}). */
    public SimulatorSettings withNanoTime(LongSupplier source) {
        return new SimulatorSettings(apiKey, secretKey, seed, firstCallbackDelay, stepDelay, callbackTimeout,
                failureShare, rejectShare, duplicateShare, outOfOrderShare, lostShare, source);
    }

    /** Never print the keys: they stand in for real eSMS credentials. */
    @Override
    public String toString() {
        return "SimulatorSettings[seed=" + seed + ", firstCallbackDelay=" + firstCallbackDelay + ", stepDelay="
                + stepDelay + ", callbackTimeout=" + callbackTimeout + ", failureShare=" + failureShare
                + ", rejectShare=" + rejectShare + ", duplicateShare=" + duplicateShare + ", outOfOrderShare="
                + outOfOrderShare + ", lostShare=" + lostShare + "]";
    }

    private static void requireShare(double share, String name) {
        if (share < 0 || share > 1) throw new IllegalArgumentException(name + " must be within 0..1");
    }
}
