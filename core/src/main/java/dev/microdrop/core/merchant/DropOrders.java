package dev.microdrop.core.merchant;

import dev.microdrop.core.buyer.BuyerIds;
import java.util.List;

/** {@code GET .../orders} and {@code .../orders.csv}: a drop's orders as the merchant sees them, searched or all. */
public final class DropOrders {

    private final MerchantViews views;
    private final BuyerIds buyerIds;

    public DropOrders(MerchantViews views, BuyerIds buyerIds) {
        this.views = views;
        this.buyerIds = buyerIds;
    }

    /**
     * The drop's orders with {@code status} (any if null), of the buyer with {@code buyerEmail} (any if null):
     * matched through the buyer id, an e-mail is never stored in clear.
     */
    public List<OrderRow> orders(String dropId, String status, String buyerEmail) {
        String buyer = buyerEmail == null ? null : buyerIds.of(buyerEmail).value();
        return views.orders(dropId).stream()
                .filter(o -> status == null || o.status().name().equalsIgnoreCase(status))
                .filter(o -> buyer == null || o.buyerId().equals(buyer))
                .toList();
    }
}
