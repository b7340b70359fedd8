package dev.microdrop.core.stock;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Order;
import java.util.List;

/** What one atomic hold write did. Only {@link Held} changed anything. */
public sealed interface HoldResult {

    /** A hold whose key was used before answers as that use did: its order again, or the key reused. */
    static HoldResult of(EarlierAnswer earlier) {
        return switch (earlier) {
            case EarlierAnswer.SameRequest same -> new Replayed(same.order());
            case EarlierAnswer.OtherRequest ignored -> new KeyReused();
        };
    }

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

    /** The merchant paused the drop: no stock item may be held until they resume. Nothing was held. */
    record Paused() implements HoldResult {
    }

    /**
     * A line's flash-restock window is not what the request assumed (the cache was behind): {@code sku} is for
     * insiders until {@code until}, or its window has ended ({@code until} null or past). Nothing was held.
     */
    record FlashWindow(String sku, java.time.Instant until) implements HoldResult {
    }

    /**
     * The write met a concurrent transaction on the same items and changed nothing; it may simply be tried again
     * ({@link HoldPlanner} does, with back-off).
     */
    record Collided() implements HoldResult {
    }
}
