package dev.microdrop.core.drop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sellable variant of a product, e.g. a sneaker in EU 42.
 *
 * @param totalUnits every unit this drop will ever release for the SKU, across all waves
 * @param hubUnits   how those units are split across micro-hubs, by hub id, in the manifest's order; each hub's
 *                   units are its own stock (a pickup at a hub sells only that hub's units). Empty: one pool for
 *                   the whole drop
 */
public record Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits,
        Map<String, Integer> hubUnits) {

    public Sku {
        Ids.requireSku(sku);
        Ids.requireId("productId", productId);
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(variantName, "variantName");
        Objects.requireNonNull(price, "price");
        if (totalUnits < 0) {
            throw new IllegalArgumentException("totalUnits must not be negative: " + totalUnits);
        }
        hubUnits = Collections.unmodifiableMap(new LinkedHashMap<>(hubUnits));
        long split = 0;
        for (Map.Entry<String, Integer> hub : hubUnits.entrySet()) {
            Ids.requireId("hubId", hub.getKey());
            if (hub.getValue() < 0) {
                throw new IllegalArgumentException("SKU " + sku + " has negative units at hub " + hub.getKey());
            }
            split += hub.getValue();
        }
        if (!hubUnits.isEmpty() && split != totalUnits) {
            throw new IllegalArgumentException("SKU " + sku + " splits " + split + " units across hubs but has "
                    + totalUnits);
        }
    }

    /** A SKU sold from one pool, not split by hub. */
    public Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits) {
        this(sku, productId, productName, variantName, price, totalUnits, Map.of());
    }

    /** Whether each hub holds its own units of this SKU. */
    public boolean splitByHub() {
        return !hubUnits.isEmpty();
    }

    /**
     * Units released once waves 1..{@code wave} have fired. A SKU split by hub releases each hub's units on the
     * plan's schedule ({@link #hubsReleasedAfter}), and its total is their sum, so the counters of the hubs always
     * add up to the SKU's.
     */
    public int releasedAfter(WavePlan plan, int wave) {
        if (!splitByHub()) {
            return plan.releasedAfter(wave, totalUnits);
        }
        return hubsReleasedAfter(plan, wave).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Each hub's units released once waves 1..{@code wave} have fired; empty when the SKU is not split. */
    public Map<String, Integer> hubsReleasedAfter(WavePlan plan, int wave) {
        Map<String, Integer> released = new LinkedHashMap<>();
        hubUnits.forEach((hub, units) -> released.put(hub, plan.releasedAfter(wave, units)));
        return Collections.unmodifiableMap(released);
    }
}
