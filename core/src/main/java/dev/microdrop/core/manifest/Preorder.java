package dev.microdrop.core.manifest;

import java.time.Instant;
import java.util.Objects;

/**
 * Preorders once a SKU sells out: the buyer pays a deposit, and the merchant confirms (charges the rest) or
 * refunds by {@code confirmBy}. Present on a manifest only when enabled.
 *
 * @param depositBasisPoints the share of the price paid up front, in 1/100 of a percent
 * @param cap                most units taken as preorders, over all SKUs of the drop
 * @param confirmBy          when the merchant must have confirmed or refunded every preorder (after the drop closes)
 */
public record Preorder(int depositBasisPoints, int cap, Instant confirmBy) {

    public Preorder {
        Objects.requireNonNull(confirmBy, "confirmBy");
    }
}
