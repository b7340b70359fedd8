package dev.microdrop.core.stock;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Order;
import java.util.List;

/** What the atomic hold did. Only {@link Held} changed anything. */
public sealed interface HoldResult {

    /** Every line held, the order and the idempotency key recorded, the buyer's total raised. */
    record Held(Order order) implements HoldResult {
    }

    /** The key was already used for this very request: here is the order it made. */
    record Replayed(Order order) implements HoldResult {
    }

    /** The key was already used for another request. */
    record KeyReused() implements HoldResult {
    }

    /** Some lines had too few units; {@code levels} are the counters of those SKUs as the write saw them. */
    record OutOfStock(List<StockLevel> levels) implements HoldResult {
        public OutOfStock {
            levels = List.copyOf(levels);
        }
    }

    /** The buyer already holds or owns {@code alreadyHeld} units of the drop. */
    record OverLimit(int alreadyHeld) implements HoldResult {
    }

    /** The chosen pickup slot has no seat left; nothing was held. */
    record SlotFull(String hubId, String slotId) implements HoldResult {
    }

    /** The drop was not open at the moment of the write. */
    record NotOpen() implements HoldResult {
    }

    /** A pre-order: the drop's pre-order capacity has fewer than the order's units left ({@code remaining}). */
    record CapReached(int remaining) implements HoldResult {
    }

    /** The merchant paused the drop: no stock item may be held until they resume. Nothing was held. */
    record Paused() implements HoldResult {
    }

    /**
     * A line's flash-restock window is not what the request assumed (the cache was behind): {@code sku} is for
     * insiders until {@code until}, or its window has ended ({@code until} null or past). Nothing was held.
     */
    record FlashWindow(String sku, java.time.Instant until) implements HoldResult {
    }

    /** Concurrent transactions kept colliding on the same items; retries ran out. */
    record Contended() implements HoldResult {
    }
}
