package dev.microdrop.core.checkout;

import java.time.Instant;

/**
 * Everything the inventory needs to hold an order's units in one atomic write.
 *
 * @param fingerprint   {@link CheckoutCommand#fingerprint()}, stored with the idempotency key
 * @param perBuyerLimit the drop's limit, enforced in the same write against the buyer's running total
 * @param insider       an early-access hold: from the insiders' tranche, before the drop opens
 */
public record HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now,
                          boolean insider) {

    /** A hold for anyone, once the drop is open. */
    public HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now) {
        this(order, idempotencyKey, fingerprint, perBuyerLimit, now, false);
    }
}
