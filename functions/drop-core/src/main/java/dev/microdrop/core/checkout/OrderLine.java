package dev.microdrop.core.checkout;

import dev.microdrop.core.drop.Money;

/**
 * A held line: the SKU, how many, and the unit price at the time of the hold.
 *
 * @param hubId the hub whose stock the line draws from, for a SKU split by hub; null for a SKU sold from one pool
 */
public record OrderLine(String sku, int quantity, Money unitPrice, String hubId) {

    /** A line of a SKU sold from one pool. */
    public OrderLine(String sku, int quantity, Money unitPrice) {
        this(sku, quantity, unitPrice, null);
    }

    public Money total() {
        return unitPrice.times(quantity);
    }

    /** The same line drawn from another hub. */
    public OrderLine fromHub(String hub) {
        return new OrderLine(sku, quantity, unitPrice, hub);
    }
}
