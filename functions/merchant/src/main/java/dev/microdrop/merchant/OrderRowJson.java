package dev.microdrop.merchant;

import dev.microdrop.core.merchant.OrderRow;
import java.time.Instant;
import java.util.Map;

/**
 * An order in the merchant's list: the {@link OrderRow}, with its status spelt as everywhere else in the API and
 * in the CSV export ({@code paid}, {@code balance_due}).
 */
record OrderRowJson(String orderId, String dropId, String buyerId, String status, long amountMinorUnits,
                    String currency, Map<String, Integer> units, Instant createdAt, Instant paidAt, String intentId,
                    String refundReason, boolean preorder) {

    static OrderRowJson of(OrderRow row) {
        return new OrderRowJson(row.orderId(), row.dropId(), row.buyerId(), status(row), row.amountMinorUnits(),
                row.currency(), row.units(), row.createdAt(), row.paidAt(), row.intentId(), row.refundReason(),
                row.preorder());
    }

    /** The one spelling of a status outside the core: lower case, as the public API and the CSV write it. */
    static String status(OrderRow row) {
        return row.status().spelling();
    }
}
