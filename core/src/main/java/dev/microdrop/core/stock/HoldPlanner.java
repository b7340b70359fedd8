package dev.microdrop.core.stock;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans and makes a hold: the one place that chooses which stock each line draws from, moves units between shards
 * so a line can be filled, falls over to another pool when the write finds the chosen one short, follows a flash
 * window the cache did not know of, retries writes that collided, and tells the cache what the refused writes
 * returned. Every try is one atomic, conditional write ({@link Inventory#hold}): nothing is half held, and the write,
 * not this plan, decides.
 *
 * <p>A SKU sold from one pool has one set of counters; a SKU split by hub has a set per hub, and a line draws from
 * exactly one: a pickup from the buyer's hub, a shipment from the ship-from hub with the most units left as last
 * seen. A sharded SKU has a set per stock shard, and a line draws from one, picked at random among those with
 * enough units, so concurrent buyers spread over the shards' partitions.
 */
public final class HoldPlanner {

    /** Where counters learnt from refused writes go (the instance's drop cache), so later buyers see them. */
    @FunctionalInterface
    public interface StockMemory {

        StockMemory NONE = (dropId, level) -> {
        };

        void learn(String dropId, StockLevel level);
    }

    /** Holds tried for one checkout while shipped lines move to other hubs. */
    private static final int MAX_HUB_HOPS = 4;

    /** Moves between shards tried for one line while sources turn out short. */
    private static final int MAX_MOVE_ATTEMPTS = 3;

    private final Inventory inventory;
    private final Contention contention;

    public HoldPlanner(Inventory inventory, Contention contention) {
        this.inventory = inventory;
        this.contention = contention;
    }

    /**
     * Holds the ask's order, choosing each line's pool from {@code snapshot}'s counters; while a write finds a line
     * short, holds again with that line moved to another pool that had enough, a few tries at most (a shipped line to
     * another hub, a line of a sharded SKU to another shard); a line of a sharded SKU that no single shard can fill,
     * but its shards together can, first gets units moved into one shard, so the last units of a SKU always sell.
     * When a write finds a line's flash window other than the cache said, holds again as the window really is (at
     * most once per line), if the buyer may. Counters a refused write returned are learnt by {@code memory}, except
     * an insiders' tranche (what is left for insiders is not what is left).
     */
    public PlannedHold hold(HoldAsk ask, DropSnapshot snapshot, StockMemory memory) {
        Drop drop = snapshot.drop();
        Seen seen = new Seen(snapshot, memory, ask.access().earlyAccess());
        Access access = ask.access();
        Order order = routed(ask.order(), drop, seen);
        int[] moves = {0};
        int windowChanges = order.lines().size();
        int hops = 0;
        int maxHops = Math.max(MAX_HUB_HOPS, mostShards(order, drop) + 2);
        while (true) {
            order = filledByOneShard(order, drop, seen, access, ask.now(), moves);
            HoldRequest request = new HoldRequest(order, ask.idempotencyKey(), ask.fingerprint(),
                    drop.limitFor(access.insider()), ask.now(), access.earlyAccess(), access.flashSkus(),
                    access.layer());
            HoldResult result = contention.retry(() -> inventory.hold(request), r -> r instanceof HoldResult.Collided);
            switch (result) {
                case HoldResult.Held held -> {
                    return new PlannedHold.Held(held.order(), false);
                }
                case HoldResult.Replayed replayed -> {
                    return new PlannedHold.Held(replayed.order(), true);
                }
                case HoldResult.KeyReused ignored -> {
                    return new PlannedHold.KeyReused();
                }
                case HoldResult.OverLimit over -> {
                    return new PlannedHold.OverLimit(request.perBuyerLimit(), over.alreadyHeld());
                }
                case HoldResult.SlotFull full -> {
                    return new PlannedHold.SlotFull(full.hubId(), full.slotId());
                }
                case HoldResult.NotOpen ignored -> {
                    return new PlannedHold.NotOpen();
                }
                case HoldResult.Paused ignored -> {
                    return new PlannedHold.Paused();
                }
                case HoldResult.Collided ignored -> {
                    return new PlannedHold.Contended();
                }
                case HoldResult.OutOfStock out -> {
                    for (StockLevel level : out.levels()) {
                        seen.learn(level, access);
                    }
                    Optional<Order> rerouted = ++hops < maxHops ? rerouted(order, out, drop, seen) : Optional.empty();
                    if (rerouted.isEmpty()) {
                        return new PlannedHold.SoldOut(seen.levelsOf(order));
                    }
                    order = rerouted.get();
                }
                case HoldResult.FlashWindow window -> {
                    if (windowChanges-- <= 0) {
                        return new PlannedHold.Contended();
                    }
                    Set<String> flash = new HashSet<>(access.flashSkus());
                    if (window.until() != null && ask.now().isBefore(window.until())) {
                        Optional<PlannedHold> refused = access.flashRefusal(window.sku(), window.until());
                        if (refused.isPresent()) {
                            return refused.get();
                        }
                        if (order.units() > drop.limitFor(true)) {
                            return new PlannedHold.OverLimit(drop.limitFor(true), 0);
                        }
                        flash.add(window.sku());
                    } else {
                        flash.remove(window.sku());
                    }
                    access = access.withFlash(flash);
                }
            }
        }
    }

    /** The order with each line drawing from its best pool as last seen. */
    private static Order routed(Order order, Drop drop, Seen seen) {
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Sku sku = drop.sku(line.sku()).orElseThrow();
            if (sku.sharded()) {
                lines.add(new OrderLine(sku.sku(), line.quantity(), line.unitPrice(), null,
                        shardFor(sku, seen.of(sku.sku()).orElse(null), line.quantity(), -1)));
            } else {
                lines.add(new OrderLine(sku.sku(), line.quantity(), line.unitPrice(),
                        bestHub(drop.hubsServing(sku, order.fulfilment() instanceof Fulfilment.Pickup,
                                StockPools.pickupHub(order.fulfilment())), seen.of(sku.sku()), line.quantity(), null)));
            }
        }
        return order.withLines(lines);
    }

    private static int mostShards(Order order, Drop drop) {
        return order.lines().stream().mapToInt(l -> drop.sku(l.sku()).map(Sku::shards).orElse(1)).max().orElse(1);
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
    private static Optional<Order> rerouted(Order order, HoldResult.OutOfStock out, Drop drop, Seen seen) {
        List<OrderLine> lines = new ArrayList<>(order.lines());
        boolean moved = false;
        for (StockLevel level : out.levels()) {
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                if (!line.sku().equals(level.sku())) {
                    continue;
                }
                if (line.shard() != null) {
                    StockLevel whole = seen.of(line.sku()).orElse(null);
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
     * enough units (other than {@code not}); when none has enough, the one with the most (units are then moved
     * into it). Shard 0..N-1 at random when nothing is known.
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
    private Order filledByOneShard(Order order, Drop drop, Seen seen, Access access, Instant now, int[] moves) {
        if (access.earlyAccess()) {
            // Early access draws from a tranche per shard, and a move carries units, not tranches: it would not help.
            return order;
        }
        List<OrderLine> lines = new ArrayList<>(order.lines());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            if (line.shard() == null) {
                continue;
            }
            for (int attempt = 0; attempt < MAX_MOVE_ATTEMPTS; attempt++) {
                StockLevel whole = seen.of(line.sku()).orElse(null);
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
                ShardMove.Result result = contention.retry(() -> inventory.moveBetweenShards(move),
                        r -> r instanceof ShardMove.Collided);
                if (result instanceof ShardMove.Moved) {
                    seen.replace(line.sku(), afterMove(whole, move));
                    break;
                }
                if (result instanceof ShardMove.Short refused) {
                    refused.shards().forEach(shard -> seen.learn(shard, access));
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

    /** The counters as they are after {@code move}, as far as this hold knows. */
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

    /**
     * The counters this hold goes by: the snapshot's, overlaid with what writes returned (one shard's counters
     * replace that shard's in the SKU's).
     */
    private static final class Seen {

        private final DropSnapshot snapshot;
        private final StockMemory memory;
        private final boolean earlyAccess;
        private final Map<String, StockLevel> learnt = new HashMap<>();

        Seen(DropSnapshot snapshot, StockMemory memory, boolean earlyAccess) {
            this.snapshot = snapshot;
            this.memory = memory;
            this.earlyAccess = earlyAccess;
        }

        Optional<StockLevel> of(String sku) {
            return learnt.containsKey(sku) ? Optional.of(learnt.get(sku)) : snapshot.stockOf(sku);
        }

        /** Counters a refused write returned; the memory learns them unless they are an insiders' tranche. */
        void learn(StockLevel level, Access access) {
            if (!earlyAccess && !access.flashSkus().contains(level.sku())) {
                memory.learn(snapshot.drop().dropId(), level);
            }
            if (level.shard() == null) {
                learnt.put(level.sku(), level);
            } else {
                of(level.sku()).ifPresent(whole -> learnt.put(level.sku(), whole.withShard(level)));
            }
        }

        void replace(String sku, StockLevel whole) {
            learnt.put(sku, whole);
        }

        Map<String, StockLevel> levelsOf(Order order) {
            Map<String, StockLevel> levels = new HashMap<>();
            order.lines().forEach(line -> of(line.sku()).ifPresent(level -> levels.put(line.sku(), level)));
            return levels;
        }
    }
}
