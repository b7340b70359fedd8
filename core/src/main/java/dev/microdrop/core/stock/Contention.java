package dev.microdrop.core.stock;

import dev.microdrop.core.random.RestoredRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries of a write that met a concurrent transaction on the same items: full-jitter back-off between tries
 * (1 ms to min(200, 5·2^attempt) ms, uniformly), so colliding writers spread out instead of colliding again, also
 * across execution environments restored from one SnapStart snapshot ({@link RestoredRandom}).
 */
public final class Contention {

    /** Waits {@code millis}; {@code Thread::sleep} in production, a recorder in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final long CAP_MILLIS = 200;

    private final int maxAttempts;
    private final Sleeper sleeper;

    public Contention(int maxAttempts, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
    }

    /** Eight tries, sleeping the thread in between. */
    public static Contention standard() {
        return new Contention(8, Thread::sleep);
    }

    /**
     * The write's result, tried again while it {@code collided}, {@code maxAttempts} times at most: the last result
     * (still a collision) when the tries ran out.
     */
    public <T> T retry(Supplier<T> write, Predicate<T> collided) {
        for (int attempt = 1; ; attempt++) {
            T result = write.get();
            if (!collided.test(result) || attempt >= maxAttempts) {
                return result;
            }
            long cap = Math.min(CAP_MILLIS, 5L << Math.min(attempt, 16));
            try {
                sleeper.sleep(RestoredRandom.nextLong(1, cap + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while backing off", e);
            }
        }
    }
}
