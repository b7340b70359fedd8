package dev.microdrop.core.drop;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A drop with its stock as read at {@code readAt}. Counters may be stale by the cache window; the conditional
 * writes, not this snapshot, decide whether a unit can be held.
 */
public record DropSnapshot(Drop drop, Map<String, StockLevel> stock, Instant readAt, Map<String, Integer> seatsLeft) {

    public DropSnapshot {
        stock = Map.copyOf(stock);
        seatsLeft = Map.copyOf(seatsLeft);
    }

    /** A drop without pickup slots. */
    public DropSnapshot(Drop drop, Map<String, StockLevel> stock, Instant readAt) {
        this(drop, stock, readAt, Map.of());
    }

    /** Seats left in a pickup slot, as of {@code readAt}; keyed {@code <hubId>#<slotId>}. */
    public int seatsLeft(String hubId, String slotId) {
        return seatsLeft.getOrDefault(hubId + "#" + slotId, 0);
    }

    public Optional<StockLevel> stockOf(String sku) {
        return Optional.ofNullable(stock.get(sku));
    }

    public int available(String sku) {
        StockLevel level = stock.get(sku);
        return level == null ? 0 : level.available();
    }
}
