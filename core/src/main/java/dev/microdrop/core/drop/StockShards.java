package dev.microdrop.core.drop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Stock shards of a hot SKU. One DynamoDB item lives in one partition, which accepts about 1,000 write units a
 * second; a hold is a transaction, which costs 2 write units for the stock item (refused or not). So one item
 * takes about 500 hold attempts a second. A SKU split into N shards keeps its counters in N items on N partition
 * keys, and each line draws from one of them: the ceiling becomes N times one item's.
 *
 * <p>Units are spread over the shards deterministically ({@link #spread}): the same number per shard, the remainder
 * one each to the first shards. Checkout moves units between shards when no single one can fill a line.
 */
public final class StockShards {

    /** The most shards a SKU may have (a manifest's {@code shards: 1..16}). */
    public static final int MAX = 16;

    /**
     * Hold attempts a second one shard is planned for: the item's 1,000 WCU/s at 2 WCU per transactional write is
     * 500, and 400 keeps a fifth in hand for payments, expiries and retries of the same item.
     */
    public static final int ATTEMPTS_PER_SECOND_PER_SHARD = 400;

    private StockShards() {
    }

    /**
     * The shards proposed for a SKU expecting {@code holdAttemptsPerSecond} at its peak: ceil(attempts ÷ the
     * per-shard budget), at least 1 and at most {@link #MAX}. E.g. 1,500 attempts/s at 400 a shard: 4 shards.
     */
    public static int proposedFor(double holdAttemptsPerSecond, int attemptsPerShard) {
        if (attemptsPerShard <= 0) {
            throw new IllegalArgumentException("a shard's budget is positive: " + attemptsPerShard);
        }
        if (!(holdAttemptsPerSecond > 0)) {
            return 1;
        }
        return (int) Math.min(MAX, Math.max(1, Math.ceil(holdAttemptsPerSecond / attemptsPerShard)));
    }

    /** {@link #proposedFor(double, int)} with {@link #ATTEMPTS_PER_SECOND_PER_SHARD}. */
    public static int proposedFor(double holdAttemptsPerSecond) {
        return proposedFor(holdAttemptsPerSecond, ATTEMPTS_PER_SECOND_PER_SHARD);
    }

    /**
     * The shards other than {@code not} to try, in order, for a line of {@code quantity} units that its shard could
     * not fill: first those {@code level} (counters as last read, possibly stale or null) shows with enough units,
     * then the others, each group in random order so concurrent callers spread over the partitions. None is left
     * out: stale counters may hide units.
     */
    public static List<Integer> fallOverOrder(int shards, int not, int quantity, StockLevel level,
            RandomGenerator random) {
        List<Integer> enough = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            if (i != not) {
                (level != null && level.availableInShard(i) >= quantity ? enough : others).add(i);
            }
        }
        shuffle(enough, random);
        shuffle(others, random);
        enough.addAll(others);
        return enough;
    }

    private static void shuffle(List<Integer> shards, RandomGenerator random) {
        for (int i = shards.size() - 1; i > 0; i--) {
            Collections.swap(shards, i, random.nextInt(i + 1));
        }
    }

    /**
     * {@code units} (possibly negative) spread over {@code shards}: each gets the same share rounded toward zero,
     * and the remainder goes one unit each to the first shards. The parts add up to {@code units}.
     */
    public static int[] spread(int units, int shards) {
        int[] parts = new int[shards];
        int each = units / shards;
        int rest = units % shards;
        for (int i = 0; i < shards; i++) {
            parts[i] = each + (i < Math.abs(rest) ? Integer.signum(rest) : 0);
        }
        return parts;
    }
}
