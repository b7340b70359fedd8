package dev.microdrop.core.drop;

import java.util.Objects;

/**
 * One sellable variant of a product, e.g. a sneaker in EU 42.
 *
 * @param totalUnits every unit this drop will ever release for the SKU, across all waves
 */
public record Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits) {

    public Sku {
        Ids.requireSku(sku);
        Ids.requireId("productId", productId);
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(variantName, "variantName");
        Objects.requireNonNull(price, "price");
        if (totalUnits < 0) {
            throw new IllegalArgumentException("totalUnits must not be negative: " + totalUnits);
        }
    }
}
