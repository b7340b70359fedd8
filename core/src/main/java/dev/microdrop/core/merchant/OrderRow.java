package dev.microdrop.core.merchant;

import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.Map;

/**
 * An order as the merchant's reports see it: no e-mail, no address (the CSV export is for reconciling money,
 * not for mailing lists).
 *
 * @param units    per SKU
 * @param paidAt   null unless paid (also for refunded orders that were paid)
 * @param preorder a pre-order: it took pre-order capacity, not stock
 */
public record OrderRow(String orderId, String dropId, String buyerId, OrderStatus status, long amountMinorUnits,
                       String currency, Map<String, Integer> units, Instant createdAt, Instant paidAt,
                       String intentId, String refundReason, boolean preorder) {

    public OrderRow {
        units = Map.copyOf(units);
    }

    /** A standard order (a checkout). */
    public OrderRow(String orderId, String dropId, String buyerId, OrderStatus status, long amountMinorUnits,
            String currency, Map<String, Integer> units, Instant createdAt, Instant paidAt, String intentId,
            String refundReason) {
        this(orderId, dropId, buyerId, status, amountMinorUnits, currency, units, createdAt, paidAt, intentId,
                refundReason, false);
    }

    public int totalUnits() {
        return units.values().stream().mapToInt(Integer::intValue).sum();
    }
}
