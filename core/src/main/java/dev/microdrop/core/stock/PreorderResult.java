package dev.microdrop.core.stock;

import dev.microdrop.core.order.Order;

/** What one atomic pre-order write did. Only {@link Placed} changed anything. */
public sealed interface PreorderResult {

    /** A pre-order whose key was used before answers as that use did: its order again, or the key reused. */
    static PreorderResult of(EarlierAnswer earlier) {
        return switch (earlier) {
            case EarlierAnswer.SameRequest same -> new Replayed(same.order());
            case EarlierAnswer.OtherRequest ignored -> new KeyReused();
        };
    }

    /** The capacity taken, the order and the idempotency key recorded, the buyer's total raised. */
    record Placed(Order order) implements PreorderResult {
    }

    /** The key was already used for this very request: here is the order it made. */
    record Replayed(Order order) implements PreorderResult {
    }

    /** The key was already used for another request. */
    record KeyReused() implements PreorderResult {
    }

    /** The buyer already holds or owns {@code alreadyHeld} units of the drop. */
    record OverLimit(int alreadyHeld) implements PreorderResult {
    }

    /** The drop's pre-order capacity has fewer than the order's units left ({@code remaining}). */
    record CapReached(int remaining) implements PreorderResult {
    }

    /** The write met a concurrent transaction on the same items and changed nothing; it may be tried again. */
    record Collided() implements PreorderResult {
    }
}
