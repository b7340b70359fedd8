package dev.microdrop.core.checkout;

import dev.microdrop.core.drop.Money;

/** A held line: the SKU, how many, and the unit price at the time of the hold. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public Money total() {
        return unitPrice.times(quantity);
    }
}
