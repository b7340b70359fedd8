package dev.microdrop.core.drop;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A drop with its stock as read at {@code readAt}. Counters may be stale by the cache window; the conditional
 * writes, not this snapshot, decide whether a unit can be held.
 *
 * @param paused     the merchant paused sales: no checkout can hold stock until they resume (the hold's condition
 *                   says so on every stock item; this flag lets the cache answer without a write)
 * @param flashUntil per SKU, the end of its insiders' flash-restock window (the last one; it may have passed)
 */
public record DropSnapshot(Drop drop, Map<String, StockLevel> stock, Instant readAt, Map<String, Integer> seatsLeft,
                           boolean paused, Map<String, Instant> flashUntil) {

    public DropSnapshot {
        stock = Map.copyOf(stock);
        seatsLeft = Map.copyOf(seatsLeft);
        flashUntil = Map.copyOf(flashUntil);
    }

    /** A drop that is not paused and has had no flash restock. */
    public DropSnapshot(Drop drop, Map<String, StockLevel> stock, Instant readAt, Map<String, Integer> seatsLeft) {
        this(drop, stock, readAt, seatsLeft, false, Map.of());
    }

    /** A drop without pickup slots, not paused. */
    public DropSnapshot(Drop drop, Map<String, StockLevel> stock, Instant readAt) {
        this(drop, stock, readAt, Map.of());
    }

    /** The same snapshot with other counters (learnt from a write). */
    public DropSnapshot withStock(Map<String, StockLevel> newStock) {
        return new DropSnapshot(drop, newStock, readAt, seatsLeft, paused, flashUntil);
    }

    /** Whether {@code sku} is in an insiders' flash window at {@code now}: only insiders may hold it until it ends. */
    public boolean inFlashWindow(String sku, Instant now) {
        Instant until = flashUntil.get(sku);
        return until != null && now.isBefore(until);
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
