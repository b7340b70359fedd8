package dev.microdrop.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sellable variant: a SKU.
 *
 * @param price minor units of the drop's currency (12900 is 129.00 EUR)
 * @param units every unit the drop will ever release of this SKU, across all waves
 * @param hubs  how many of those units sit at each hub, by hub id, in the order written; empty when the stock is
 *              not split by hub (one pool)
 * @param shards how many stock shards hold the SKU's counters (1..16; 1 when left out), for a SKU hotter than one
 *               item's write limit; see {@link dev.microdrop.core.drop.StockShards}
 */
public record Variant(String sku, String name, long price, int units, Map<String, Integer> hubs, int shards) {

    public Variant {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        hubs = Collections.unmodifiableMap(new LinkedHashMap<>(hubs));
        hubs.forEach((hub, n) -> Objects.requireNonNull(n, hub));
    }

    /** A variant kept in one stock item. */
    public Variant(String sku, String name, long price, int units, Map<String, Integer> hubs) {
        this(sku, name, price, units, hubs, 1);
    }

    public Variant(String sku, String name, long price, int units) {
        this(sku, name, price, units, Map.of());
    }
}
