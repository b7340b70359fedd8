package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One order of the shop's history, as the shop's KPIs see it: who, which drop, when it was paid and handed over.
 * No e-mail, no address.
 *
 * @param status      the order's status now (a refund after payment makes it {@code REFUNDED})
 * @param paidAt      when the order was paid in full; null if it never was (a pre-order whose deposit only is paid,
 *                    an expired hold); kept through a later refund
 * @param readyAt     a pickup order made ready at its hub; null otherwise
 * @param collectedAt a pickup order collected; null otherwise
 * @param shippedAt   a shipment handed to a carrier; null otherwise
 * @param units       units of every line
 * @param preorder    a pre-order: it took pre-order capacity, not stock
 */
public record ShopOrder(String dropId, String orderId, BuyerId buyerId, OrderStatus status, Instant paidAt,
                        Fulfilment fulfilment, Instant readyAt, Instant collectedAt, Instant shippedAt, int units,
                        long amountMinorUnits, String currency, boolean preorder) {

    /** How the order is handed over. */
    public enum Fulfilment { PICKUP, SHIP }

    public ShopOrder {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fulfilment, "fulfilment");
        Objects.requireNonNull(currency, "currency");
        if (units < 0 || amountMinorUnits < 0) {
            throw new IllegalArgumentException("units and amount are never negative");
        }
    }

    /** Paid at some point (a refund later does not undo the purchase). */
    public boolean purchased() {
        return paidAt != null;
    }

    /** Paid, and still paid: not refunded. */
    public boolean paidNow() {
        return status == OrderStatus.PAID && paidAt != null;
    }
}
