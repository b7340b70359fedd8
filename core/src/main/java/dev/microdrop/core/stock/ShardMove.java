package dev.microdrop.core.stock;

import dev.microdrop.core.drop.StockLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Units of a sharded SKU moved into shard {@code to} from other shards ({@code from}: shard number to units), so
 * that one line can draw them from one shard.
 *
 * @param movementId unique per move; each shard's ledger entry is {@code <movementId>#<shard>}
 */
public record ShardMove(String dropId, String sku, int to, Map<Integer, Integer> from, String movementId,
        String reason, Instant at) {

    public ShardMove {
        from = Map.copyOf(from);
        if (from.containsKey(to) || from.values().stream().anyMatch(units -> units <= 0)) {
            throw new IllegalArgumentException("a shard move takes units > 0 from shards other than " + to + ": " + from);
        }
    }

    public int units() {
        return from.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What a move did. Only {@link Moved} changed anything. */
    public sealed interface Result {
    }

    /** Every source gave its units; the target has them. */
    public record Moved() implements Result {
    }

    /** Some sources no longer had their units; {@code shards} are their counters as the refused write saw them. */
    public record Short(List<StockLevel> shards) implements Result {
        public Short {
            shards = List.copyOf(shards);
        }
    }

    /** The write met a concurrent transaction on the shards; nothing moved, it may be tried again. */
    public record Collided() implements Result {
    }
}
