package dev.microdrop.core.random;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Random choices that stay random in every copy of a SnapStart snapshot: which stock shard a buyer tries first,
 * how long a writer backs off. {@link java.util.concurrent.ThreadLocalRandom} and {@link java.util.Random} keep
 * their seeds in memory, and every execution environment restored from one snapshot would start from the same
 * state, so all of them would pick the same shard and back off for the same time after a collision. The default
 * {@link SecureRandom} on Linux (NativePRNG) mixes bytes from {@code /dev/urandom} into every draw, which differ
 * per environment after a restore.
 */
public final class RestoredRandom {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RestoredRandom() {
    }

    /** Uniformly 0 (inclusive) to {@code bound} (exclusive). */
    public static int nextInt(int bound) {
        return RANDOM.nextInt(bound);
    }

    /** The same source, for code that takes a {@link RandomGenerator} (a shuffle). */
    public static RandomGenerator generator() {
        return RANDOM;
    }

    /** Uniformly {@code origin} (inclusive) to {@code bound} (exclusive). */
    public static long nextLong(long origin, long bound) {
        return RANDOM.nextLong(origin, bound);
    }
}
