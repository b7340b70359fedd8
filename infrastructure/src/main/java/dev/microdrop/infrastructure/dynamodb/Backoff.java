package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.random.RestoredRandom;

/**
 * Full-jitter back-off between retries of colliding transactions: writers spread out instead of colliding again,
 * also across execution environments restored from one SnapStart snapshot ({@link RestoredRandom}).
 */
final class Backoff {

    private static final long CAP_MILLIS = 200;

    private Backoff() {
    }

    /** Sleeps 1 ms to min(200, 5·2^attempt) ms, uniformly. */
    static void sleep(int attempt) {
        long cap = Math.min(CAP_MILLIS, 5L << Math.min(attempt, 16));
        try {
            Thread.sleep(RestoredRandom.nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
