package dev.microdrop.core.checkout;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which stock a line draws from. A SKU sold from one pool has one set of counters; a SKU split by hub has a set
 * per hub, and a line draws from exactly one: a pickup from the buyer's hub, a shipment from one of the drop's
 * ship-from hubs, the one with the most units left as last seen. The write, not this choice, decides: when the
 * chosen hub turns out short, {@link #rerouted} moves the line to another hub from the counters the refused
 * write returned.
 */
public final class StockPools {

    /** Holds tried for one checkout while shipped lines move to other hubs. */
    private static final int MAX_HUB_HOPS = 4;

    private StockPools() {
    }

    /**
     * Holds {@code order}; while the write finds a shipped line short at its hub, holds again with that line moved
     * to a hub that had enough (a few tries at most). Every try is one atomic write: nothing is half held.
     */
    public static HoldResult hold(Inventory inventory, Order order, Drop drop, Function<Order, HoldRequest> request) {
        HoldResult result = inventory.hold(request.apply(order));
        for (int hops = 1; result instanceof HoldResult.OutOfStock out && hops < MAX_HUB_HOPS; hops++) {
            Optional<Order> rerouted = rerouted(order, out, drop);
            if (rerouted.isEmpty()) {
                break;
            }
            order = rerouted.get();
            result = inventory.hold(request.apply(order));
        }
        return result;
    }

    /** A new line for {@code quantity} units of {@code sku}, drawn from the best serving hub if it is split. */
    public static OrderLine line(Drop drop, Sku sku, int quantity, Fulfilment fulfilment, Optional<StockLevel> level) {
        String hub = bestHub(drop.hubsServing(sku, fulfilment instanceof Fulfilment.Pickup, pickupHub(fulfilment)),
                level, quantity, null);
        return new OrderLine(sku.sku(), quantity, sku.price(), hub);
    }

    /**
     * The most units one line of {@code sku} can get with this fulfilment: the SKU's availability when it is sold
     * from one pool; otherwise the best of the hubs that serve the buyer (a line draws from one hub).
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
        return drop.hubsServing(sku, fulfilment instanceof Fulfilment.Pickup, pickupHub(fulfilment)).stream()
                .mapToInt(hub -> level.get().available(hub)).max().orElse(0);
    }

    /** A SKU split by hub that none of the buyer's hubs holds: a pickup elsewhere, or no ship-from hub has it. */
    public static boolean unservable(Drop drop, Fulfilment fulfilment, String skuId) {
        Sku sku = drop.sku(skuId).orElseThrow();
        List<String> hubs = drop.hubsServing(sku, fulfilment instanceof Fulfilment.Pickup, pickupHub(fulfilment));
        return sku.splitByHub() && hubs.stream().noneMatch(sku.hubUnits()::containsKey);
    }

    /**
     * The hub a line draws from: the serving hub with the most units available as last seen (ties go to the
     * first in the manifest's order), other than {@code not}; null for a SKU sold from one pool.
     */
    private static String bestHub(List<String> serving, Optional<StockLevel> level, int quantity, String not) {
        String best = null;
        int most = -1;
        for (String hub : serving) {
            int available = level.map(l -> l.available(hub)).orElse(0);
            if (!hub.equals(not) && available > most) {
                best = hub;
                most = available;
            }
        }
        return not != null && most < quantity ? null : best;
    }

    /**
     * The order with each shipped line that was short at its hub moved to the hub with the most units left, as
     * the refused write saw them; empty when some short line has no other hub with enough units.
     */
    private static Optional<Order> rerouted(Order order, HoldResult.OutOfStock out, Drop drop) {
        if (!(order.fulfilment() instanceof Fulfilment.Ship)) {
            return Optional.empty();
        }
        List<OrderLine> lines = new ArrayList<>(order.lines());
        boolean moved = false;
        for (StockLevel level : out.levels()) {
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                if (!line.sku().equals(level.sku()) || line.hubId() == null
                        || level.available(line.hubId()) >= line.quantity()) {
                    continue;
                }
                String other = bestHub(drop.hubsServing(drop.sku(line.sku()).orElseThrow(), false, null),
                        Optional.of(level), line.quantity(), line.hubId());
                if (other == null) {
                    return Optional.empty();
                }
                lines.set(i, line.fromHub(other));
                moved = true;
            }
        }
        return moved ? Optional.of(order.withLines(lines)) : Optional.empty();
    }

    private static String pickupHub(Fulfilment fulfilment) {
        return fulfilment instanceof Fulfilment.Pickup pickup ? pickup.hubId() : null;
    }
}
