package dev.microdrop.core.checkout;

import java.time.Instant;
import java.util.Set;

/**
 * Everything the inventory needs to hold an order's units in one atomic write.
 *
 * @param fingerprint   {@link CheckoutCommand#fingerprint()}, stored with the idempotency key
 * @param perBuyerLimit the drop's limit, enforced in the same write against the buyer's running total
 * @param insider       an early-access hold: from the insiders' tranche, before the drop opens
 * @param flashSkus     SKUs of the order held by an insider from their flash-restock tranche, in its window; the
 *                      other lines are ordinary holds
 */
public record HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now,
                          boolean insider, Set<String> flashSkus) {

    public HoldRequest {
        flashSkus = Set.copyOf(flashSkus);
    }

    /** A hold for anyone, once the drop is open. */
    public HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now) {
        this(order, idempotencyKey, fingerprint, perBuyerLimit, now, false);
    }

    /** An ordinary or an early-access hold, no flash window. */
    public HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now,
            boolean insider) {
        this(order, idempotencyKey, fingerprint, perBuyerLimit, now, insider, Set.of());
    }
}
