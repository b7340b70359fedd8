package dev.microdrop.core.manifest;

import java.util.List;
import java.util.Objects;

/** A product of the drop (a sneaker model) and the variants it is sold in (its sizes). */
public record Product(String productId, String name, List<Variant> variants) {

    public Product {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(name, "name");
        variants = List.copyOf(variants);
    }
}
