package dev.microdrop.core.drop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counters of one SKU. At every moment {@code available + held + sold == released} and none is negative:
 * every stock change moves units between counters by the same amount, in one conditional write.
 *
 * <p>A SKU split by hub also has the same four counters per hub ({@code hubs}, by hub id), moved in the same
 * write as the SKU's; each hub balances on its own and the hubs add up to the SKU.
 *
 * <p>A sharded SKU ({@link Sku#shards()} &gt; 1) keeps its counters in stock shards: {@code shards} holds each
 * shard's counters by shard number, each balancing on its own, and the SKU's counters are their sums. A level
 * learnt from one shard's write (a refused hold) has {@code shard} set: it describes that shard alone.
 *
 * @param shard the shard these counters are of, for a level read from one shard's item; null otherwise
 */
public record StockLevel(String sku, int released, int available, int held, int sold, Map<String, StockLevel> hubs,
        List<StockLevel> shards, Integer shard) {

    public StockLevel {
        hubs = Map.copyOf(hubs);
        shards = List.copyOf(shards);
    }

    /** The counters of a SKU, possibly split by hub, kept in one item. */
    public StockLevel(String sku, int released, int available, int held, int sold, Map<String, StockLevel> hubs) {
        this(sku, released, available, held, sold, hubs, List.of(), null);
    }

    /** The counters of a SKU sold from one pool. */
    public StockLevel(String sku, int released, int available, int held, int sold) {
        this(sku, released, available, held, sold, Map.of());
    }

    /** The counters of one stock shard of a SKU, as its item holds them. */
    public static StockLevel ofShard(String sku, int shard, int released, int available, int held, int sold) {
        return new StockLevel(sku, released, available, held, sold, Map.of(), List.of(), shard);
    }

    /** A sharded SKU's counters: the sums of its shards' (in shard order), with the shards kept. */
    public static StockLevel ofShards(String sku, List<StockLevel> shards) {
        int released = 0;
        int available = 0;
        int held = 0;
        int sold = 0;
        for (StockLevel shard : shards) {
            released += shard.released;
            available += shard.available;
            held += shard.held;
            sold += shard.sold;
        }
        return new StockLevel(sku, released, available, held, sold, Map.of(), shards, null);
    }

    /** Whether this SKU's counters live in stock shards. */
    public boolean sharded() {
        return !shards.isEmpty();
    }

    /** These counters with one shard's replaced by {@code learnt} (a level of one shard), the sums recomputed. */
    public StockLevel withShard(StockLevel learnt) {
        if (learnt.shard == null || learnt.shard < 0 || learnt.shard >= shards.size()) {
            return this;
        }
        List<StockLevel> updated = new ArrayList<>(shards);
        updated.set(learnt.shard, learnt);
        return ofShards(sku, updated);
    }

    public boolean balanced() {
        if (!(released >= 0 && available >= 0 && held >= 0 && sold >= 0
                && (long) available + held + sold == released)) {
            return false;
        }
        return addsUp(hubs.values()) && addsUp(shards);
    }

    /** Each part balances on its own and the parts add up to these counters (no parts: nothing to check). */
    private boolean addsUp(Iterable<StockLevel> parts) {
        long[] sums = new long[4];
        boolean any = false;
        for (StockLevel part : parts) {
            if (!part.balanced()) {
                return false;
            }
            any = true;
            sums[0] += part.released;
            sums[1] += part.available;
            sums[2] += part.held;
            sums[3] += part.sold;
        }
        return !any || (sums[0] == released && sums[1] == available && sums[2] == held && sums[3] == sold);
    }

    public boolean soldOut() {
        return available <= 0;
    }

    /** Units available at one hub; the SKU's whole availability when {@code hubId} is null. */
    public int available(String hubId) {
        if (hubId == null) {
            return available;
        }
        StockLevel hub = hubs.get(hubId);
        return hub == null ? 0 : hub.available;
    }

    /** Units available in one stock shard (0 for a shard this level does not know). */
    public int availableInShard(int shard) {
        return shard >= 0 && shard < shards.size() ? shards.get(shard).available : 0;
    }
}
