package dev.microdrop.core.stock;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.random.RestoredRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Which stock a line draws from. A SKU sold from one pool has one set of counters; a SKU split by hub has a set
 * per hub, and a line draws from exactly one: a pickup from the buyer's hub, a shipment from one of the drop's
 * ship-from hubs, the one with the most units left as last seen. A sharded SKU has a set per stock shard, and a
 * line draws from one, picked at random among those with enough units. The write, not this choice, decides: when
 * the chosen pool turns out short, {@link #rerouted} moves the line to another from the counters the refused write
 * returned.
 */
public final class StockPools {

    /** Holds tried for one checkout while shipped lines move to other hubs. */
    private static final int MAX_HUB_HOPS = 4;

    /** Moves between shards tried for one line while sources turn out short. */
    private static final int MAX_MOVE_ATTEMPTS = 3;

    private StockPools() {
    }

    /**
     * Holds {@code order}; while the write finds a line short in its pool, holds again with that line moved to
     * another pool that had enough, a few tries at most: a shipped line to another hub, a line of a sharded SKU to
     * another shard. Every try is one atomic write: nothing is half held. A line of a sharded SKU that no single
     * shard can fill, but its shards together can, first gets units moved into one shard
     * ({@link Inventory#moveBetweenShards}), so the last units of a SKU always sell.
     *
     * @param cached the counters this instance last saw, by SKU
     * @param learn  told of every SKU's or shard's counters a refused write returned
     */
    public static HoldResult hold(Inventory inventory, Order order, Drop drop,
            Function<String, Optional<StockLevel>> cached, Consumer<StockLevel> learn,
            Function<Order, HoldRequest> request) {
        Map<String, StockLevel> seen = new HashMap<>();
        Function<String, Optional<StockLevel>> levels = sku -> seen.containsKey(sku)
                ? Optional.of(seen.get(sku)) : cached.apply(sku);
        Instant now = request.apply(order).now();
        int[] moves = {0};
        order = filledByOneShard(inventory, order, drop, levels, seen, learn, now, moves);
        HoldResult result = inventory.hold(request.apply(order));
        int tries = Math.max(MAX_HUB_HOPS, mostShards(order, drop) + 2);
        for (int hops = 1; result instanceof HoldResult.OutOfStock out && hops < tries; hops++) {
            for (StockLevel level : out.levels()) {
                remember(seen, levels, level);
                learn.accept(level);
            }
            Optional<Order> rerouted = rerouted(order, out, drop, levels);
            if (rerouted.isEmpty()) {
                break;
            }
            order = filledByOneShard(inventory, rerouted.get(), drop, levels, seen, learn, now, moves);
            result = inventory.hold(request.apply(order));
        }
        return result;
    }

    /** Counters learnt from a write, over those seen so far: one shard's replace that shard's in the SKU's. */
    private static void remember(Map<String, StockLevel> seen, Function<String, Optional<StockLevel>> levels,
            StockLevel level) {
        if (level.shard() == null) {
            seen.put(level.sku(), level);
        } else {
            levels.apply(level.sku()).ifPresent(whole -> seen.put(level.sku(), whole.withShard(level)));
        }
    }

    private static int mostShards(Order order, Drop drop) {
        return order.lines().stream().mapToInt(l -> drop.sku(l.sku()).map(Sku::shards).orElse(1)).max().orElse(1);
    }

    /** A new line for {@code quantity} units of {@code sku}, drawn from the best serving hub if it is split. */
    public static OrderLine line(Drop drop, Sku sku, int quantity, Fulfilment fulfilment, Optional<StockLevel> level) {
        if (sku.sharded()) {
            return new OrderLine(sku.sku(), quantity, sku.price(), null,
                    shardFor(sku, level.orElse(null), quantity, -1));
        }
        String hub = bestHub(drop.hubsServing(sku, fulfilment instanceof Fulfilment.Pickup, pickupHub(fulfilment)),
                level, quantity, null);
        return new OrderLine(sku.sku(), quantity, sku.price(), hub);
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
     * The order with each line that was short in its pool moved to another pool, as the refused write saw them:
     * a shipped line to the ship-from hub with the most units left, a line of a sharded SKU to another shard with
     * enough units (or, when none has, to the shard with the most, to be filled by a move between shards). Empty
     * when some short line cannot be filled anywhere: the SKU is sold out.
     */
    private static Optional<Order> rerouted(Order order, HoldResult.OutOfStock out, Drop drop,
            Function<String, Optional<StockLevel>> levels) {
        List<OrderLine> lines = new ArrayList<>(order.lines());
        boolean moved = false;
        for (StockLevel level : out.levels()) {
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                if (!line.sku().equals(level.sku())) {
                    continue;
                }
                if (line.shard() != null) {
                    StockLevel whole = levels.apply(line.sku()).orElse(null);
                    if (whole == null || whole.available() < line.quantity()) {
                        return Optional.empty();
                    }
                    lines.set(i, line.fromShard(shardFor(drop.sku(line.sku()).orElseThrow(), whole, line.quantity(),
                            line.shard())));
                    moved = true;
                    continue;
                }
                if (level.available(line.hubId()) >= line.quantity()) {
                    continue;
                }
                if (!(order.fulfilment() instanceof Fulfilment.Ship) || line.hubId() == null) {
                    return Optional.empty();
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

    /**
     * The shard a line of a sharded SKU draws from: one picked at random among those the counters show with
     * enough units (other than {@code not}), so concurrent buyers spread over the shards' partitions; when none
     * has enough, the one with the most (units are then moved into it). Shard 0..N-1 at random when nothing is
     * known.
     */
    private static int shardFor(Sku sku, StockLevel level, int quantity, int not) {
        if (level == null || level.shards().size() != sku.shards()) {
            return RestoredRandom.nextInt(sku.shards());
        }
        List<Integer> enough = new ArrayList<>();
        int most = -1;
        int best = 0;
        for (int i = 0; i < sku.shards(); i++) {
            int available = level.availableInShard(i);
            if (i != not && available >= quantity) {
                enough.add(i);
            }
            if (available > most) {
                most = available;
                best = i;
            }
        }
        return enough.isEmpty() ? best : enough.get(RestoredRandom.nextInt(enough.size()));
    }

    /**
     * The order with every line of a sharded SKU that its shard cannot fill, but the SKU's shards together can
     * (as last seen), filled first by moving units into its shard from the others, most first. A move refused
     * because a source was short is learnt and planned again, a few times at most; what cannot be moved is left
     * to the hold, which then answers sold out.
     */
    private static Order filledByOneShard(Inventory inventory, Order order, Drop drop,
            Function<String, Optional<StockLevel>> levels, Map<String, StockLevel> seen, Consumer<StockLevel> learn,
            Instant now, int[] moves) {
        List<OrderLine> lines = new ArrayList<>(order.lines());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            if (line.shard() == null) {
                continue;
            }
            for (int attempt = 0; attempt < MAX_MOVE_ATTEMPTS; attempt++) {
                StockLevel whole = levels.apply(line.sku()).orElse(null);
                if (whole == null || !whole.sharded() || whole.availableInShard(line.shard()) >= line.quantity()
                        || whole.available() < line.quantity()) {
                    break;
                }
                int target = shardFor(drop.sku(line.sku()).orElseThrow(), whole, line.quantity(), -1);
                line = line.fromShard(target);
                lines.set(i, line);
                if (whole.availableInShard(target) >= line.quantity()) {
                    break;
                }
                Map<Integer, Integer> from = sources(whole, target, line.quantity() - whole.availableInShard(target));
                ShardMove move = new ShardMove(order.dropId(), line.sku(), target, from,
                        "REBALANCE#" + order.orderId() + "#" + ++moves[0],
                        "units moved into shard " + target + " to fill a line of order " + order.orderId(), now);
                ShardMove.Result result = inventory.moveBetweenShards(move);
                if (result instanceof ShardMove.Moved) {
                    seen.put(line.sku(), afterMove(whole, move));
                    break;
                }
                if (result instanceof ShardMove.Short refused) {
                    for (StockLevel shard : refused.shards()) {
                        remember(seen, levels, shard);
                        learn.accept(shard);
                    }
                }
            }
        }
        return order.withLines(lines);
    }

    /** Units to take from the shards other than {@code target}, those with the most first. */
    private static Map<Integer, Integer> sources(StockLevel whole, int target, int needed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < whole.shards().size(); i++) {
            if (i != target && whole.availableInShard(i) > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt(whole::availableInShard).reversed());
        Map<Integer, Integer> from = new LinkedHashMap<>();
        for (int shard : order) {
            if (needed <= 0) {
                break;
            }
            int take = Math.min(needed, whole.availableInShard(shard));
            from.put(shard, take);
            needed -= take;
        }
        return from;
    }

    /** The counters as they are after {@code move}, as far as this checkout knows. */
    private static StockLevel afterMove(StockLevel whole, ShardMove move) {
        List<StockLevel> shards = new ArrayList<>(whole.shards());
        Map<Integer, Integer> deltas = new HashMap<>();
        move.from().forEach((shard, units) -> deltas.put(shard, -units));
        deltas.put(move.to(), move.units());
        deltas.forEach((i, delta) -> {
            StockLevel s = shards.get(i);
            shards.set(i, StockLevel.ofShard(s.sku(), i, s.released() + delta, s.available() + delta, s.held(),
                    s.sold()));
        });
        return StockLevel.ofShards(whole.sku(), shards);
    }

    private static String pickupHub(Fulfilment fulfilment) {
        return fulfilment instanceof Fulfilment.Pickup pickup ? pickup.hubId() : null;
    }
}
