package dev.microdrop.core.stock;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import java.time.Instant;
import java.util.Set;

/**
 * Everything the inventory needs to hold an order's units in one atomic write.
 *
 * @param fingerprint   {@link dev.microdrop.core.checkout.CheckoutCommand#fingerprint()}, stored with the idempotency key
 * @param perBuyerLimit the drop's limit, enforced in the same write against the buyer's running total
 * @param insider       an early-access hold: from the insiders' tranche (or {@code layer}'s), before the drop opens
 * @param flashSkus     SKUs of the order held by an insider from their flash-restock tranche, in its window; the
 *                      other lines are ordinary holds
 * @param layer         for an early-access hold, the access layer whose own tranche it draws from; null for the
 *                      insiders' tranche
 */
public record HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now,
                          boolean insider, Set<String> flashSkus, String layer) {

    public HoldRequest {
        flashSkus = Set.copyOf(flashSkus);
        if (layer != null && !insider) {
            throw new IllegalArgumentException("only an early-access hold draws from a layer's tranche");
        }
    }

    /** A hold from the insiders' tranche (if any): no layer of its own. */
    public HoldRequest(Order order, String idempotencyKey, String fingerprint, int perBuyerLimit, Instant now,
            boolean insider, Set<String> flashSkus) {
        this(order, idempotencyKey, fingerprint, perBuyerLimit, now, insider, flashSkus, null);
    }

    /**
     * What the hold tells the rest of the system, written in the same write: OrderHeld (the relay schedules its
     * expiry from it), or PreorderPlaced for a pre-order, which holds capacity rather than stock.
     */
    public DomainEvent event() {
        return order.preorder()
                ? new DomainEvent.PreorderPlaced(order.eventId("PreorderPlaced"), now, order.dropId(), order.orderId(),
                        order.buyerId().value(), order.eventLines(), order.amount().minorUnits(),
                        order.deposit().minorUnits(), order.amount().currency().getCurrencyCode(),
                        order.holdExpiresAt(), order.fulfilmentType())
                : new DomainEvent.OrderHeld(order.eventId("OrderHeld"), now, order.dropId(), order.orderId(),
                        order.buyerId().value(), order.eventLines(), order.amount().minorUnits(),
                        order.amount().currency().getCurrencyCode(), order.holdExpiresAt(), order.fulfilmentType());
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
