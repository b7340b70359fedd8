package dev.microdrop.core.drop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sellable variant of a product, e.g. a sneaker in EU 42.
 *
 * @param totalUnits every unit this drop will ever release for the SKU, across all waves
 * @param hubUnits   how those units are split across micro-hubs, by hub id, in the manifest's order; each hub's
 *                   units are its own stock (a pickup at a hub sells only that hub's units). Empty: one pool for
 *                   the whole drop
 * @param waveUnits  units released by each wave, in wave order, when the manifest names units per SKU that no plan
 *                   of shares can release exactly; empty (the normal case): the drop's {@link WavePlan} releases them
 * @param shards     how many stock shards (items on distinct partition keys) hold the SKU's counters, 1..{@value
 *                   StockShards#MAX}; 1 (the normal case) keeps them in the SKU's own item. See {@link StockShards}
 */
public record Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits,
        Map<String, Integer> hubUnits, List<Integer> waveUnits, int shards) {

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
        waveUnits = List.copyOf(waveUnits);
        if (!waveUnits.isEmpty() && waveUnits.stream().mapToLong(Integer::longValue).sum() != totalUnits) {
            throw new IllegalArgumentException("SKU " + sku + " releases " + waveUnits + " by wave but has "
                    + totalUnits);
        }
        if (waveUnits.stream().anyMatch(u -> u < 0)) {
            throw new IllegalArgumentException("SKU " + sku + " has a wave of negative units: " + waveUnits);
        }
        if (shards < 1 || shards > StockShards.MAX) {
            throw new IllegalArgumentException("SKU " + sku + " has " + shards + " stock shards; 1.." + StockShards.MAX);
        }
        if (shards > 1 && !hubUnits.isEmpty()) {
            throw new IllegalArgumentException("SKU " + sku + " is split by hub and sharded; a SKU is one or the other");
        }
    }

    /** A SKU whose counters live in its own item (one shard). */
    public Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits,
            Map<String, Integer> hubUnits, List<Integer> waveUnits) {
        this(sku, productId, productName, variantName, price, totalUnits, hubUnits, waveUnits, 1);
    }

    /** A SKU released on the drop's wave plan. */
    public Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits,
            Map<String, Integer> hubUnits) {
        this(sku, productId, productName, variantName, price, totalUnits, hubUnits, List.of());
    }

    /** A SKU sold from one pool, not split by hub. */
    public Sku(String sku, String productId, String productName, String variantName, Money price, int totalUnits) {
        this(sku, productId, productName, variantName, price, totalUnits, Map.of());
    }

    /** Whether the SKU's counters are spread over several stock shards. */
    public boolean sharded() {
        return shards > 1;
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
            return ownReleasedAfter(plan, wave);
        }
        return hubsReleasedAfter(plan, wave).values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Each hub's units released once waves 1..{@code wave} have fired; empty when the SKU is not split. On the
     * plan's shares each hub follows the plan; with {@link #waveUnits} each hub gets its share of the SKU's units
     * released so far, rounded down (so no hub ever goes back), and all of them with the last wave.
     */
    public Map<String, Integer> hubsReleasedAfter(WavePlan plan, int wave) {
        Map<String, Integer> released = new LinkedHashMap<>();
        int skuReleased = ownReleasedAfter(plan, wave);
        hubUnits.forEach((hub, units) -> released.put(hub, waveUnits.isEmpty() ? plan.releasedAfter(wave, units)
                : totalUnits == 0 ? 0 : (int) ((long) units * skuReleased / totalUnits)));
        return Collections.unmodifiableMap(released);
    }

    /** The SKU's own schedule: its {@link #waveUnits} if it has them, the plan's shares otherwise. */
    private int ownReleasedAfter(WavePlan plan, int wave) {
        if (waveUnits.isEmpty()) {
            return plan.releasedAfter(wave, totalUnits);
        }
        if (wave >= waveUnits.size()) {
            return totalUnits;
        }
        return waveUnits.subList(0, Math.max(0, wave)).stream().mapToInt(Integer::intValue).sum();
    }
}
