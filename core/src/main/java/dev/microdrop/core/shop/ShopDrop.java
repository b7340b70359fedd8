package dev.microdrop.core.shop;

import java.time.Instant;
import java.util.Objects;

/**
 * One drop of the shop.
 *
 * @param opensAt    the drop's first sale to the public (the drop's {@code opensAt}): sell-through windows start here
 * @param totalUnits the units the drop offers, every SKU (the denominator of the drop's own 7- and 30-day
 *                   sell-through)
 */
public record ShopDrop(String dropId, Instant opensAt, Instant closesAt, int totalUnits) {

    public ShopDrop {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(opensAt, "opensAt");
        if (totalUnits < 0) {
            throw new IllegalArgumentException("totalUnits is never negative");
        }
    }
}
