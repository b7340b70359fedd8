package dev.microdrop.core.stock;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a buyer can get of a SKU, as last seen, given how its stock is kept: from one pool, split by hub (a line
 * draws from one hub: a pickup from the buyer's, a shipment from one of the drop's ship-from hubs), or in stock
 * shards (units move between shards to fill a line). Reads only; {@link HoldPlanner} chooses and holds.
 */
public final class StockPools {

    private StockPools() {
    }

    /**
     * The most units one line of {@code sku} can get with this fulfilment: the SKU's availability when it is sold
     * from one pool or sharded (units move between shards to fill a line); otherwise the best of the hubs that serve
     * the buyer, since a line draws from one hub: a pickup its own hub's units, a shipment those of the fullest
     * ship-from hub ({@link #mostInOneShipment}). A shipment never combines hubs: each line ships from one place.
     */
    public static int availableFor(Drop drop, Fulfilment fulfilment, String skuId,
            Function<String, Optional<StockLevel>> levels) {
        Sku sku = drop.sku(skuId).orElseThrow();
        Optional<StockLevel> level = levels.apply(skuId);
        if (level.isEmpty()) {
            return 0;
        }
        if (!sku.splitByHub()) {
            return level.get().available();
        }
        if (fulfilment instanceof Fulfilment.Ship) {
            return mostInOneShipment(drop, sku, level.get());
        }
        return drop.hubsServing(sku, true, pickupHub(fulfilment)).stream()
                .mapToInt(hub -> level.get().available(hub)).max().orElse(0);
    }

    /**
     * The most units of {@code sku} one shipment can take, as the catalog shows it ({@code maxPerShipment}): what
     * the fullest of the drop's ship-from hubs has available, for a SKU split by hub; its availability otherwise.
     */
    public static int mostInOneShipment(Drop drop, Sku sku, StockLevel level) {
        if (!sku.splitByHub()) {
            return Math.max(0, level.available());
        }
        return Math.max(0, drop.hubsServing(sku, false, null).stream().mapToInt(level::available).max().orElse(0));
    }

    /** A SKU split by hub that none of the buyer's hubs holds: a pickup elsewhere, or no ship-from hub has it. */
    public static boolean unservable(Drop drop, Fulfilment fulfilment, String skuId) {
        Sku sku = drop.sku(skuId).orElseThrow();
        List<String> hubs = drop.hubsServing(sku, fulfilment instanceof Fulfilment.Pickup, pickupHub(fulfilment));
        return sku.splitByHub() && hubs.stream().noneMatch(sku.hubUnits()::containsKey);
    }

    static String pickupHub(Fulfilment fulfilment) {
        return fulfilment instanceof Fulfilment.Pickup pickup ? pickup.hubId() : null;
    }
}
