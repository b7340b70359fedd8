package dev.microdrop.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies, in milliseconds (nearest rank: each is a latency that was measured). */
record Latency(double p50Ms, double p95Ms, double p99Ms) {

    static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99));
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
