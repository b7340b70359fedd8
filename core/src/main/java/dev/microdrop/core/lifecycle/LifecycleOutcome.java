package dev.microdrop.core.lifecycle;

import dev.microdrop.core.order.OrderStatus;

/** What applying a payment event or an expiry did. Every one of them is acknowledged to the provider. */
public sealed interface LifecycleOutcome {

    /** The order moved to {@code status}. */
    record Applied(String orderId, OrderStatus status) implements LifecycleOutcome {
    }

    /** The event was applied before; nothing changed. */
    record Duplicate() implements LifecycleOutcome {
    }

    /** Recorded, nothing to change (unknown type, an event the order's state makes moot, not our order). */
    record Ignored(String why) implements LifecycleOutcome {
    }

    /**
     * The event named the order but is not its payment ({@link PaymentMatch}): recorded, published as
     * PaymentRejected, nothing else changed.
     */
    record Rejected(String orderId, PaymentMatch.Reason reason) implements LifecycleOutcome {
    }

    /** A payment came after its hold was released and nothing was left: the payment was refunded. */
    record RefundedAutomatically(String orderId) implements LifecycleOutcome {
    }

    /** An expiry that found the hold paid, released or not yet due. */
    record NotExpired(String why) implements LifecycleOutcome {
    }
}
