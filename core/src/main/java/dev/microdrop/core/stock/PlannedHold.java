package dev.microdrop.core.stock;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Order;
import java.time.Instant;
import java.util.Map;

/** What {@link HoldPlanner#hold} came to, after every try. Only {@link Held} holds anything. */
public sealed interface PlannedHold {

    /** Every line held ({@code replayed}: by an earlier request with the same key); the order as recorded. */
    record Held(Order order, boolean replayed) implements PlannedHold {
    }

    /** The key was already used for another request. */
    record KeyReused() implements PlannedHold {
    }

    /**
     * Some line cannot be filled from any pool that serves it. {@code levels}: every SKU of the order as last seen,
     * what the refused writes returned over the cached counters (for an insider, what is left of the tranche).
     */
    record SoldOut(Map<String, StockLevel> levels) implements PlannedHold {
        public SoldOut {
            levels = Map.copyOf(levels);
        }
    }

    /** The buyer would own more than {@code limit} units; they hold or own {@code alreadyHeld}. */
    record OverLimit(int limit, int alreadyHeld) implements PlannedHold {
    }

    /** The chosen pickup slot has no seat left. */
    record SlotFull(String hubId, String slotId) implements PlannedHold {
    }

    /** The sale was not open for this buyer at the moment of the write. */
    record NotOpen() implements PlannedHold {
    }

    /** The merchant paused the drop. */
    record Paused() implements PlannedHold {
    }

    /** {@code sku} is for insiders until {@code until}, and the buyer brought no access token. */
    record InsidersOnly(String sku, Instant until) implements PlannedHold {
    }

    /** The sale is for insiders until {@code until}, and the buyer's access token is refused for {@code reason}. */
    record AccessRefused(String reason, Instant until) implements PlannedHold {
    }

    /** Concurrent writes kept colliding on the same items, or the flash windows kept changing; nothing was held. */
    record Contended() implements PlannedHold {
    }
}
