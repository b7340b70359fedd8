package dev.microdrop.core.testing;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Republish;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.StockShards;
import dev.microdrop.core.drop.Tranches;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.fulfilment.Handovers;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.lifecycle.StockMove;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.lifecycle.TransitionResult;
import dev.microdrop.core.merchant.DropPauses;
import dev.microdrop.core.merchant.DropPublisher;
import dev.microdrop.core.merchant.FlashRestockResult;
import dev.microdrop.core.merchant.FulfilmentRow;
import dev.microdrop.core.merchant.LedgerEntry;
import dev.microdrop.core.merchant.MerchantViews;
import dev.microdrop.core.merchant.OrderRow;
import dev.microdrop.core.merchant.PauseResult;
import dev.microdrop.core.merchant.StockAdjustments;
import dev.microdrop.core.merchant.WaitlistRow;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.preorder.PreorderBook;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.reconcile.Reconciler;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.stock.EarlierAnswer;
import dev.microdrop.core.stock.HoldRefusal;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.PreorderResult;
import dev.microdrop.core.stock.ShardMove;
import dev.microdrop.core.waves.WaveReleases;
import dev.microdrop.core.waves.WaveResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The drop table in memory, for the core's unit tests: the {@link Inventory}, {@link DropReader},
 * {@link OrderStore}, {@link DropPauses}, {@link StockAdjustments}, {@link WaveReleases}, {@link PreorderBook},
 * {@link MerchantViews}, {@link DropPublisher}, {@link Reconciler} and {@link Handovers} ports over one set of stock counters, slots, buyers' totals, idempotency keys, orders, applied
 * provider events and the events the writes carried (the outbox). Every write checks the same conditions as the
 * table's ({@code Conditions}) and reports a refusal's facts as the adapters do (a hold's to the core's
 * {@link HoldRefusal}). A contract per port ({@code InventoryContract}, {@code OrderStoreContract},
 * {@code StockAdjustmentsContract}, {@code WaveReleasesContract}, {@code PreorderBookContract},
 * {@code MerchantViewsContract}, {@code DropPublisherContract}, {@code ReconcilerContract}) runs the same cases against this and against the
 * DynamoDB adapter on DynamoDB Local, so the two cannot drift apart.
 */
public final class InMemoryTable implements Inventory, DropReader, OrderStore, DropPauses, StockAdjustments,
        WaveReleases, PreorderBook, MerchantViews, DropPublisher, Reconciler, Handovers {

    /** One stock item's counters: a SKU's, one stock shard's, or one hub's within a SKU's. */
    private static final class Counters {
        int released;
        int available;
        int held;
        int sold;
        int insiderReserved;
        /** Each access layer's own tranche: left, seeded by the first wave, and taken by its holds. */
        final Map<String, Integer> layerReserved = new HashMap<>();
        final Map<String, Integer> layerSeeded = new HashMap<>();
        final Map<String, Integer> layerTaken = new HashMap<>();
        final Map<String, Counters> hubs = new LinkedHashMap<>();

        Counters(int released, int insiderReserved) {
            this.released = released;
            this.available = released;
            this.insiderReserved = insiderReserved;
        }

        Counters(int released, Tranches tranches) {
            this(released, 0);
            set(tranches);
        }

        void set(Tranches tranches) {
            insiderReserved = tranches.insiders();
            layerReserved.clear();
            layerReserved.putAll(tranches.layers());
            layerSeeded.clear();
            layerSeeded.putAll(tranches.layers());
        }

        StockLevel level(String sku, Integer shard) {
            if (shard != null) {
                return StockLevel.ofShard(sku, shard, released, available, held, sold);
            }
            Map<String, StockLevel> byHub = new LinkedHashMap<>();
            hubs.forEach((hub, c) -> byHub.put(hub, new StockLevel(sku, c.released, c.available, c.held, c.sold)));
            return new StockLevel(sku, released, available, held, sold, byHub);
        }
    }

    private record Key(String fingerprint, String orderId) {
    }

    private static final class Published {
        Drop drop;
        final Map<String, Counters> skus = new LinkedHashMap<>();
        final Map<String, List<Counters>> shards = new LinkedHashMap<>();
        final Map<String, Instant> flashUntil = new HashMap<>();
        final Map<String, int[]> slots = new LinkedHashMap<>();
        final Map<String, Integer> buyers = new HashMap<>();
        final Map<String, Key> keys = new HashMap<>();
        Integer preorderRemaining;
        int wavesReleased;
        final Map<Integer, Integer> releasedByWave = new TreeMap<>();
        final Set<String> insiders = new HashSet<>();
        final Map<String, Instant> insidersIssuedAt = new HashMap<>();
        int preorderTaken;
        boolean paused;
        /** Every stock movement, as the table's ledger entries: written with the counter change, never changed. */
        final List<LedgerEntry> ledger = new ArrayList<>();

        Published(Drop drop) {
            this.drop = drop;
        }
    }

    private final Clock clock;
    private final Map<String, Published> drops = new LinkedHashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, PaymentIntent> intents = new HashMap<>();
    private final Map<String, String> orderOfIntent = new HashMap<>();
    private final Set<String> providerEvents = new HashSet<>();
    private final Map<String, Map<String, String>> orderAttributes = new HashMap<>();
    private InMemoryWaitlist waitlist;
    private final List<DomainEvent> events = new ArrayList<>();
    private int writes;
    private int attempts;

    public InMemoryTable(Clock clock) {
        this.clock = clock;
    }

    /** The waitlists kept in this table, as {@code DynamoDbWaitlist} keeps them in the drop's: the merchant sees them. */
    public InMemoryTable withWaitlist(InMemoryWaitlist lines) {
        this.waitlist = lines;
        return this;
    }

    /**
     * Publishes {@code drop} as the publisher seeds it: each SKU's units of the waves due at {@code now} released
     * (spread over its hubs or stock shards), the insiders' tranche of the first wave, the slots' seats and the
     * pre-order capacity.
     */
    @Override
    public synchronized PublishResult publish(Drop drop, DomainEvent.DropPublished event) {
        PublishResult result = publishWithoutEvent(drop, event.occurredAt());
        if (!(result instanceof PublishResult.Refused)) {
            events.add(event);
        }
        return result;
    }

    private PublishResult publishWithoutEvent(Drop drop, Instant now) {
        Published existing = drops.get(drop.dropId());
        if (existing != null) {
            return republish(existing, drop, now);
        }
        Published published = new Published(drop);
        int waves = drop.wavesDueAt(now);
        published.wavesReleased = waves;
        int seeded = drop.skus().stream().mapToInt(sku -> sku.releasedAfter(drop.wavePlan(), waves)).sum();
        if (seeded > 0) {
            published.releasedByWave.put(waves, seeded);
        }
        for (Sku sku : drop.skus()) {
            int released = sku.releasedAfter(drop.wavePlan(), waves);
            Tranches reserved = drop.insiders() == null || waves < 1 ? new Tranches(0, Map.of())
                    : Tranches.of(drop.insiders(), sku.releasedAfter(drop.wavePlan(), 1));
            String seeding = "waves 1.." + waves + " due at publishing";
            if (sku.sharded()) {
                int[] spread = StockShards.spread(released, sku.shards());
                List<Tranches> tranche = reserved.spread(sku.shards());
                List<Counters> shards = new ArrayList<>();
                for (int i = 0; i < sku.shards(); i++) {
                    shards.add(new Counters(spread[i], tranche.get(i)));
                    released(published, sku.sku(), "WAVE#" + waves, "RELEASE_WAVE", null, i, spread[i], seeding, now);
                }
                published.shards.put(sku.sku(), shards);
                continue;
            }
            Counters counters = new Counters(released, reserved);
            if (sku.splitByHub()) {
                sku.hubsReleasedAfter(drop.wavePlan(), waves).forEach((hub, units) -> {
                    counters.hubs.put(hub, new Counters(units, 0));
                    released(published, sku.sku(), "WAVE#" + waves, "RELEASE_WAVE", hub, null, units, seeding, now);
                });
            } else {
                released(published, sku.sku(), "WAVE#" + waves, "RELEASE_WAVE", null, null, released, seeding, now);
            }
            published.skus.put(sku.sku(), counters);
        }
        for (PickupHub hub : drop.hubs()) {
            for (Slot slot : hub.slots()) {
                published.slots.put(hub.hubId() + "#" + slot.slotId(), new int[] {slot.capacity(), 0});
            }
        }
        published.preorderRemaining = drop.preorder() == null ? null : drop.preorder().cap();
        drops.put(drop.dropId(), published);
        return new PublishResult.Created();
    }

    /**
     * As the publisher's update: refused by the core's {@link Republish} rule on what is published; otherwise the new
     * version in place, held and sold untouched, new SKUs seeded, each SKU's units raised to what its waves due
     * release or withdrawn down to its new total (unsold units only), every change named.
     */
    private PublishResult republish(Published published, Drop drop, Instant now) {
        List<Republish.PublishedSku> skus = new ArrayList<>();
        published.skus.forEach((sku, c) -> {
            Map<String, Integer> split = new LinkedHashMap<>();
            published.drop.sku(sku).ifPresent(old -> split.putAll(old.hubUnits()));
            skus.add(new Republish.PublishedSku(sku, split, 1, c.held + c.sold));
        });
        published.shards.forEach((sku, shards) -> skus.add(new Republish.PublishedSku(sku, Map.of(), shards.size(),
                shards.stream().mapToInt(c -> c.held + c.sold).sum())));
        List<String> refusals = Republish.refusals(drop, new Republish.Published(
                published.drop.currency().getCurrencyCode(), skus, published.drop.insiders(), published.wavesReleased));
        if (!refusals.isEmpty()) {
            return new PublishResult.Refused(refusals);
        }
        List<String> changes = new ArrayList<>();
        int waves = published.wavesReleased;
        for (Sku sku : drop.skus()) {
            Sku old = published.drop.sku(sku.sku()).orElse(null);
            if (old == null) {
                Counters counters = new Counters(sku.releasedAfter(drop.wavePlan(), waves), 0);
                String added = "PUBLISH#" + now.toEpochMilli();
                sku.hubsReleasedAfter(drop.wavePlan(), waves).forEach((hub, units) -> {
                    if (sku.splitByHub()) {
                        counters.hubs.put(hub, new Counters(units, 0));
                        released(published, sku.sku(), added, "RELEASE_WAVE", hub, null, units,
                                "new SKU published mid-drop", now);
                    }
                });
                if (!sku.splitByHub()) {
                    released(published, sku.sku(), added, "RELEASE_WAVE", null, null, counters.released,
                            "new SKU published mid-drop", now);
                }
                published.skus.put(sku.sku(), counters);
                changes.add("SKU " + sku.sku() + ": added with " + sku.totalUnits() + " units");
                continue;
            }
            int target = sku.releasedAfter(drop.wavePlan(), waves);
            int delta;
            if (sku.sharded()) {
                List<Counters> shards = published.shards.get(sku.sku());
                int released = shards.stream().mapToInt(c -> c.released).sum();
                int asked = sku.totalUnits() < released ? sku.totalUnits() - released : Math.max(0, target - released);
                adjustShards(published, sku.sku(), asked, "PUBLISH#" + now.toEpochMilli(), "PUBLISH_ADJUST",
                        asked > 0 ? "units added by publishing" : "unsold units withdrawn by publishing", now);
                delta = asked;
            } else {
                Counters counters = published.skus.get(sku.sku());
                if (sku.splitByHub()) {
                    delta = 0;
                    for (Map.Entry<String, Integer> hub : sku.hubsReleasedAfter(drop.wavePlan(), waves).entrySet()) {
                        Counters at = counters.hubs.get(hub.getKey());
                        int hubDelta = Math.max(0, hub.getValue() - at.released);
                        at.released += hubDelta;
                        at.available += hubDelta;
                        delta += hubDelta;
                        released(published, sku.sku(), "PUBLISH#" + now.toEpochMilli(), "PUBLISH_ADJUST",
                                hub.getKey(), null, hubDelta, "units added by publishing", now);
                    }
                } else {
                    delta = sku.totalUnits() < counters.released ? sku.totalUnits() - counters.released
                            : Math.max(0, target - counters.released);
                    released(published, sku.sku(), "PUBLISH#" + now.toEpochMilli(), "PUBLISH_ADJUST", null, null,
                            delta, delta > 0 ? "units added by publishing" : "unsold units withdrawn by publishing",
                            now);
                }
                counters.released += delta;
                counters.available += delta;
            }
            if (delta != 0) {
                changes.add("SKU " + sku.sku() + ": " + (delta > 0 ? "released " + delta + " more units"
                        : "withdrew " + (-delta) + " unsold units"));
            }
            if (sku.price().minorUnits() != old.price().minorUnits()) {
                changes.add("SKU " + sku.sku() + ": price " + old.price().minorUnits() + " -> "
                        + sku.price().minorUnits());
            }
            if (sku.totalUnits() != old.totalUnits()) {
                changes.add("SKU " + sku.sku() + ": units " + old.totalUnits() + " -> " + sku.totalUnits());
            }
        }
        published.drop = drop;
        for (PickupHub hub : drop.hubs()) {
            for (Slot slot : hub.slots()) {
                published.slots.putIfAbsent(hub.hubId() + "#" + slot.slotId(), new int[] {slot.capacity(), 0});
            }
        }
        writes++;
        return new PublishResult.Updated(changes);
    }

    /** The merchant pauses sales: every stock item refuses holds until resumed; DropPaused in the outbox. */
    @Override
    public synchronized PauseResult pause(String dropId, Instant now) {
        return paused(dropId, true, now);
    }

    @Override
    public synchronized PauseResult resume(String dropId, Instant now) {
        return paused(dropId, false, now);
    }

    private PauseResult paused(String dropId, boolean paused, Instant now) {
        Published published = drops.get(dropId);
        if (published.paused == paused) {
            return PauseResult.ALREADY;
        }
        published.paused = paused;
        Map<String, Integer> available = new TreeMap<>();
        read(dropId).orElseThrow().stock().forEach((sku, level) -> available.put(sku, level.available()));
        events.add(DomainEvent.pausedOrResumed(dropId, paused, available, now));
        writes++;
        return PauseResult.CHANGED;
    }

    /** As the table's adjustment: released, available (and the hub's) move by {@code delta}, never below zero. */
    @Override
    public synchronized boolean adjust(String dropId, String sku, String hubId, int delta, String reason, Instant now) {
        Published published = drops.get(dropId);
        String movementId = "ADJUST#" + now.toEpochMilli() + "#" + Math.abs(reason.hashCode());
        if (published.shards.containsKey(sku)) {
            return adjustShards(published, sku, delta, movementId, "ADJUST", reason, now);
        }
        Counters item = published.skus.get(sku);
        Counters hub = hubId == null ? null : item.hubs.get(hubId);
        if (item.available < -delta || (hub != null && hub.available < -delta)) {
            return false;
        }
        for (Counters counters : hub == null ? List.of(item) : List.of(item, hub)) {
            counters.released += delta;
            counters.available += delta;
        }
        released(published, sku, movementId, "ADJUST", hubId, null, delta, reason, now);
        writes++;
        return true;
    }

    /** A sharded SKU's units added (spread) or taken (from the fullest shards first), one entry per shard moved. */
    private boolean adjustShards(Published published, String sku, int delta, String movementId, String movement,
            String reason, Instant now) {
        List<Counters> shards = published.shards.get(sku);
        if (shards.stream().mapToInt(c -> c.available).sum() < -delta) {
            return false;
        }
        int[] deltas = delta >= 0 ? StockShards.spread(delta, shards.size()) : new int[shards.size()];
        List<Integer> most = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            most.add(i);
        }
        most.sort(java.util.Comparator.comparingInt((Integer i) -> -shards.get(i).available)
                .thenComparingInt(i -> i));
        int left = Math.max(0, -delta);
        for (int i : most) {
            int take = Math.min(left, shards.get(i).available);
            deltas[i] -= take;
            left -= take;
        }
        for (int i = 0; i < shards.size(); i++) {
            shards.get(i).released += deltas[i];
            shards.get(i).available += deltas[i];
            released(published, sku, movementId, movement, null, i, deltas[i], reason, now);
        }
        writes++;
        return true;
    }

    /** As the table's flash restock: only while the drop is open and no flash window of the SKU runs. */
    @Override
    public synchronized FlashRestockResult flashRestock(String dropId, String sku, int units, Instant until,
            Instant now) {
        Published published = drops.get(dropId);
        Instant running = published.flashUntil.get(sku);
        boolean open = !published.drop.opensAt().isAfter(now) && published.drop.closesAt().isAfter(now);
        if (!open || (running != null && running.isAfter(now))) {
            return FlashRestockResult.refused(published.drop.opensAt(), published.drop.closesAt(), now);
        }
        Counters counters = published.skus.get(sku);
        counters.released += units;
        counters.available += units;
        counters.insiderReserved = units;
        published.flashUntil.put(sku, until);
        released(published, sku, "FLASH#" + now.toEpochMilli(), "FLASH_RESTOCK", null, null, units,
                "insiders' flash restock until " + until, now);
        writes++;
        return FlashRestockResult.RESTOCKED;
    }

    /**
     * As the table's release: refused once the wave (or a later one) is out or the drop has closed; otherwise each
     * SKU raised to its target (each hub to its own; a sharded SKU's units spread over its shards), the insiders'
     * tranche set, and the event with the units that went on sale.
     */
    @Override
    public synchronized WaveResult release(String dropId, int wave, Map<String, Integer> releasedAfterWave,
            Map<String, Map<String, Integer>> hubsReleasedAfterWave, Map<String, Tranches> tranches,
            DomainEvent.WaveReleased event, Instant now) {
        Published published = drops.get(dropId);
        Optional<WaveResult> refusal = WaveResult.refusal(dropId, wave, published.wavesReleased,
                published.drop.closesAt(), now);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Map<String, Integer> units = new LinkedHashMap<>();
        published.skus.forEach((sku, counters) -> {
            Map<String, Integer> hubTargets = hubsReleasedAfterWave.getOrDefault(sku, Map.of());
            int delta = 0;
            if (hubTargets.isEmpty()) {
                delta = Math.max(0, releasedAfterWave.getOrDefault(sku, counters.released) - counters.released);
                released(published, sku, "WAVE#" + wave, "RELEASE_WAVE", null, null, delta, "wave " + wave, now);
            } else {
                for (Map.Entry<String, Integer> hub : hubTargets.entrySet()) {
                    Counters at = counters.hubs.get(hub.getKey());
                    int hubDelta = Math.max(0, hub.getValue() - at.released);
                    at.released += hubDelta;
                    at.available += hubDelta;
                    delta += hubDelta;
                    released(published, sku, "WAVE#" + wave, "RELEASE_WAVE", hub.getKey(), null, hubDelta,
                            "wave " + wave, now);
                }
            }
            counters.released += delta;
            counters.available += delta;
            if (tranches.containsKey(sku)) {
                counters.set(tranches.get(sku));
            }
            if (delta > 0) {
                units.put(sku, delta);
            }
        });
        published.shards.forEach((sku, shards) -> {
            int current = shards.stream().mapToInt(c -> c.released).sum();
            int delta = Math.max(0, releasedAfterWave.getOrDefault(sku, current) - current);
            int[] spread = StockShards.spread(delta, shards.size());
            List<Tranches> tranche = tranches.containsKey(sku) ? tranches.get(sku).spread(shards.size()) : null;
            for (int i = 0; i < shards.size(); i++) {
                shards.get(i).released += spread[i];
                shards.get(i).available += spread[i];
                released(published, sku, "WAVE#" + wave, "RELEASE_WAVE", null, i, spread[i], "wave " + wave, now);
                if (tranche != null) {
                    shards.get(i).set(tranche.get(i));
                }
            }
            if (delta > 0) {
                units.put(sku, delta);
            }
        });
        published.wavesReleased = wave;
        int total = units.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
            published.releasedByWave.merge(wave, total, Integer::sum);
        }
        events.add(event.withUnits(units));
        writes++;
        return new WaveResult.Released(wave, units);
    }

    /** The drop's pre-orders, oldest first, each with the intent its deposit is paid on. */
    @Override
    public synchronized List<Booked> preorders(String dropId) {
        return orders.values().stream().filter(o -> o.dropId().equals(dropId) && o.preorder())
                .sorted(java.util.Comparator.comparing(Order::createdAt).thenComparing(Order::orderId))
                .map(o -> new Booked(o, o.intentId())).toList();
    }

    @Override
    public synchronized boolean claim(String dropId, String merchantId) {
        return owners.computeIfAbsent(dropId, id -> merchantId).equals(merchantId);
    }

    @Override
    public synchronized Optional<String> owner(String dropId) {
        return Optional.ofNullable(owners.get(dropId));
    }

    @Override
    public synchronized List<String> dropsOf(String merchantId) {
        return owners.entrySet().stream().filter(e -> e.getValue().equals(merchantId) && drops.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** Every ledger entry of these SKUs of the drop, in the order written. */
    @Override
    public synchronized List<LedgerEntry> ledger(String dropId, List<Sku> skus) {
        Set<String> wanted = new HashSet<>();
        skus.forEach(sku -> wanted.add(sku.sku()));
        return drops.get(dropId).ledger.stream().filter(e -> wanted.contains(e.sku())).toList();
    }

    /** The drop's orders, oldest first, as the merchant's index projects them: no e-mail, no address. */
    @Override
    public synchronized List<OrderRow> orders(String dropId) {
        return orders.values().stream().filter(o -> o.dropId().equals(dropId))
                .sorted(java.util.Comparator.comparing(Order::createdAt).thenComparing(Order::orderId))
                .map(o -> {
                    Map<String, String> attributes = orderAttributes.getOrDefault(o.orderId(), Map.of());
                    Map<String, Integer> units = new HashMap<>();
                    o.lines().forEach(line -> units.merge(line.sku(), line.quantity(), Integer::sum));
                    return new OrderRow(o.orderId(), o.dropId(), o.buyerId().value(), o.status(),
                            o.amount().minorUnits(), o.amount().currency().getCurrencyCode(), units, o.createdAt(),
                            attributes.containsKey("paidAt") ? Instant.parse(attributes.get("paidAt")) : null,
                            o.intentId(), attributes.get("refundReason"), o.preorder());
                }).toList();
    }

    @Override
    public synchronized List<FulfilmentRow> fulfilment(String dropId, List<String> orderIds) {
        return orderIds.stream().map(orders::get).filter(o -> o != null && o.dropId().equals(dropId))
                .map(o -> new FulfilmentRow(o.orderId(),
                        o.fulfilment() instanceof Fulfilment.Pickup pickup ? pickup.hubId() : null,
                        o.handover().readyAt(), o.handover().collectedAt(), o.handover().shippedAt()))
                .toList();
    }

    /** As the table's conditional update ({@code Conditions.ORDER_READY_ABLE}). */
    @Override
    public synchronized boolean markReady(String orderId, Instant readyAt, String pickupCode, DomainEvent event) {
        Order order = orders.get(orderId);
        if (order == null || order.status() != OrderStatus.PAID || !(order.fulfilment() instanceof Fulfilment.Pickup)
                || order.handover().readyAt() != null) {
            return false;
        }
        return handedOver(order, order.handover().ready(readyAt, pickupCode), event);
    }

    /** As the table's conditional update ({@code Conditions.ORDER_COLLECTABLE}). */
    @Override
    public synchronized boolean markCollected(String orderId, Instant collectedAt, DomainEvent event) {
        Order order = orders.get(orderId);
        if (order == null || order.status() != OrderStatus.PAID || order.handover().readyAt() == null
                || order.handover().collectedAt() != null) {
            return false;
        }
        return handedOver(order, order.handover().collected(collectedAt), event);
    }

    /** As the table's conditional update ({@code Conditions.ORDER_SHIPPABLE}). */
    @Override
    public synchronized boolean markShipped(String orderId, Instant shippedAt, String carrier, String trackingNumber,
            DomainEvent event) {
        Order order = orders.get(orderId);
        if (order == null || order.status() != OrderStatus.PAID || !(order.fulfilment() instanceof Fulfilment.Ship)
                || order.handover().shippedAt() != null) {
            return false;
        }
        return handedOver(order, order.handover().shipped(shippedAt, carrier, trackingNumber), event);
    }

    private boolean handedOver(Order order, Handover handover, DomainEvent event) {
        orders.put(order.orderId(), order.withHandover(handover));
        if (event != null) {
            events.add(event);
        }
        writes++;
        return true;
    }

    /** Of these buyers, those who hold or own units of another drop too. */
    @Override
    public synchronized Set<String> buyersElsewhere(String dropId, Set<String> buyerIds) {
        Set<String> elsewhere = new HashSet<>();
        drops.forEach((id, published) -> {
            if (!id.equals(dropId)) {
                published.buyers.forEach((buyer, units) -> {
                    if (units > 0 && buyerIds.contains(buyer)) {
                        elsewhere.add(buyer);
                    }
                });
            }
        });
        return elsewhere;
    }

    @Override
    public synchronized Map<Integer, Integer> releasedByWave(String dropId, List<Sku> skus) {
        return Map.copyOf(drops.get(dropId).releasedByWave);
    }

    @Override
    public synchronized List<WaitlistRow> waitlist(String dropId, List<String> skus) {
        return waitlist == null ? List.of() : waitlist.rows(dropId, skus);
    }

    @Override
    public synchronized Set<String> insiders(String dropId) {
        return Set.copyOf(drops.get(dropId).insiders);
    }

    @Override
    public synchronized void recordInsiders(String dropId, List<BuyerId> buyers, Instant tokenExpiresAt, Instant now) {
        buyers.forEach(buyer -> drops.get(dropId).insiders.add(buyer.value()));
        buyers.forEach(buyer -> drops.get(dropId).insidersIssuedAt.put(buyer.value(), now));
    }

    /** The buyer's orders in every drop, by order id (for {@link InMemoryBuyerRecords}). */
    public synchronized List<Order> ordersOf(BuyerId buyer) {
        return orders.values().stream().filter(o -> o.buyerId().equals(buyer))
                .sorted(java.util.Comparator.comparing(Order::orderId)).toList();
    }

    /**
     * Stores {@code order} as it is, or replaces the one with its id: seeding a test's history, and
     * {@link InMemoryBuyerRecords}'s erasure. No counters, ledger or event: the caller's business.
     */
    public synchronized void put(Order order) {
        orders.put(order.orderId(), order);
    }

    /** The drops whose insiders' passes the buyer was given, and when (for {@link InMemoryBuyerRecords}). */
    public synchronized Map<String, Instant> passesOf(BuyerId buyer) {
        Map<String, Instant> passes = new java.util.TreeMap<>();
        drops.forEach((dropId, published) -> {
            if (published.insidersIssuedAt.containsKey(buyer.value())) {
                passes.put(dropId, published.insidersIssuedAt.get(buyer.value()));
            }
        });
        return passes;
    }

    /**
     * The books as the table's reconciliation checks them, less the ledger (this table keeps none): every SKU's,
     * hub's and shard's counters balance, a SKU's held units are its held orders', a paid order has its intent.
     */
    @Override
    public synchronized ReconciliationReport reconcile() {
        List<Drift> drifts = new ArrayList<>();
        int skus = 0;
        for (Published published : drops.values()) {
            String dropId = published.drop.dropId();
            Map<String, Integer> heldByOrders = new HashMap<>();
            orders.values().stream().filter(o -> o.dropId().equals(dropId) && !o.preorder()
                    && o.status() == OrderStatus.HELD).forEach(o -> o.lines().forEach(line -> heldByOrders.merge(
                            line.sku(), line.quantity(), Integer::sum)));
            Map<String, List<Counters>> items = new LinkedHashMap<>();
            published.skus.forEach((sku, c) -> items.put(sku, List.of(c)));
            items.putAll(published.shards);
            for (Map.Entry<String, List<Counters>> sku : items.entrySet()) {
                skus++;
                String key = dropId + "/" + sku.getKey();
                List<Counters> checked = new ArrayList<>(sku.getValue());
                sku.getValue().forEach(c -> checked.addAll(c.hubs.values()));
                for (Counters c : checked) {
                    if (c.available < 0 || c.held < 0 || c.sold < 0 || c.available + c.held + c.sold != c.released) {
                        drifts.add(new Drift("invariant", key, "counters do not balance"));
                    }
                    c.layerSeeded.forEach((layer, seeded) -> {
                        int left = c.layerReserved.getOrDefault(layer, 0);
                        if (left < 0 || seeded - left != c.layerTaken.getOrDefault(layer, 0)) {
                            drifts.add(new Drift("tranche", key, "the " + layer + " tranche does not add up"));
                        }
                    });
                }
                int held = sku.getValue().stream().mapToInt(c -> c.held).sum();
                if (held != heldByOrders.getOrDefault(sku.getKey(), 0)) {
                    drifts.add(new Drift("orders", key, "held " + held + " but held orders hold "
                            + heldByOrders.getOrDefault(sku.getKey(), 0)));
                }
            }
        }
        orders.values().stream().filter(o -> o.status() == OrderStatus.PAID && o.intentId() == null)
                .forEach(o -> drifts.add(new Drift("payment", o.orderId(), "paid order has no payment intent")));
        return new ReconciliationReport(clock.instant(), skus, orders.size(), 0, drifts);
    }

    /** Every event the writes carried, in order (the outbox). */
    public synchronized List<DomainEvent> events() {
        return List.copyOf(events);
    }

    /** How many hold and pre-order writes were asked for, refused ones included. */
    public synchronized int attempts() {
        return attempts;
    }

    /** How many writes changed something: a refused or replayed write is not counted. */
    public synchronized int writes() {
        return writes;
    }

    public synchronized Optional<PaymentIntent> intentOf(String orderId) {
        return Optional.ofNullable(intents.get(orderId));
    }

    @Override
    public synchronized HoldResult hold(HoldRequest request) {
        Optional<EarlierAnswer> earlier = begin(request);
        if (earlier.isPresent()) {
            return HoldResult.of(earlier.get());
        }
        Order order = request.order();
        Published published = drops.get(order.dropId());
        Instant now = request.now();
        List<HoldRefusal.LineSeen> refused = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Counters item = item(published, line);
            boolean tranche = request.insider() || request.flashSkus().contains(line.sku());
            Instant flashUntil = published.flashUntil.get(line.sku());
            boolean open = !published.drop.opensAt().isAfter(now) && published.drop.closesAt().isAfter(now);
            boolean held = item.available >= line.quantity() && !published.paused
                    && (line.hubId() == null || item.hubs.get(line.hubId()).available >= line.quantity());
            if (request.insider()) {
                Instant insiderOpensAt = published.drop.insiders() == null ? null : published.drop.insiders().opensAt();
                int left = request.layer() == null ? item.insiderReserved
                        : item.layerReserved.getOrDefault(request.layer(), 0);
                held &= left >= line.quantity() && insiderOpensAt != null
                        && !insiderOpensAt.isAfter(now) && published.drop.closesAt().isAfter(now);
            } else if (tranche) {
                held &= item.insiderReserved >= line.quantity() && flashUntil != null && flashUntil.isAfter(now) && open;
            } else {
                held &= open && (flashUntil == null || !flashUntil.isAfter(now));
            }
            if (!held) {
                refused.add(new HoldRefusal.LineSeen(item.level(line.sku(), line.shard()), published.drop.opensAt(),
                        published.drop.closesAt(),
                        published.drop.insiders() == null ? null : published.drop.insiders().opensAt(),
                        published.paused, flashUntil, item.insiderReserved,
                        request.layer() == null ? 0 : item.layerReserved.getOrDefault(request.layer(), 0)));
            }
        }
        int units = published.buyers.getOrDefault(order.buyerId().value(), 0);
        boolean overLimit = units > request.perBuyerLimit() - order.units();
        int[] seat = slotOf(published, order);
        boolean slotFull = seat != null && seat[1] >= seat[0];
        if (!refused.isEmpty() || overLimit || slotFull) {
            return HoldRefusal.of(request, new HoldRefusal.Facts(refused,
                    overLimit ? Optional.of(units) : Optional.empty(), slotFull)).orElseThrow();
        }
        for (OrderLine line : order.lines()) {
            Counters item = item(published, line);
            item.available -= line.quantity();
            item.held += line.quantity();
            if (request.layer() != null) {
                item.layerReserved.merge(request.layer(), -line.quantity(), Integer::sum);
                item.layerTaken.merge(request.layer(), line.quantity(), Integer::sum);
            } else if (request.insider() || request.flashSkus().contains(line.sku())) {
                item.insiderReserved -= line.quantity();
            }
            if (line.hubId() != null) {
                item.hubs.get(line.hubId()).available -= line.quantity();
                item.hubs.get(line.hubId()).held += line.quantity();
            }
            published.ledger.add(new LedgerEntry(line.sku(), order.orderId() + "#HOLD", now, "HOLD", order.orderId(),
                    line.hubId(), line.shard(), 0, -line.quantity(), line.quantity(), 0, "checkout"));
        }
        if (seat != null) {
            seat[1]++;
        }
        recordOrder(published, request);
        return new HoldResult.Held(order);
    }

    @Override
    public synchronized PreorderResult preorder(HoldRequest request) {
        Optional<EarlierAnswer> earlier = begin(request);
        if (earlier.isPresent()) {
            return PreorderResult.of(earlier.get());
        }
        Order order = request.order();
        Published published = drops.get(order.dropId());
        int units = published.buyers.getOrDefault(order.buyerId().value(), 0);
        if (units > request.perBuyerLimit() - order.units()) {
            return new PreorderResult.OverLimit(units);
        }
        if (published.preorderRemaining == null || published.preorderRemaining < order.units()) {
            return new PreorderResult.CapReached(published.preorderRemaining == null ? 0 : published.preorderRemaining);
        }
        published.preorderRemaining -= order.units();
        published.preorderTaken += order.units();
        recordOrder(published, request);
        return new PreorderResult.Placed(order);
    }

    @Override
    public synchronized Optional<EarlierAnswer> earlierAnswer(String dropId, String idempotencyKey, String fingerprint) {
        Key key = drops.get(dropId).keys.get(idempotencyKey);
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(key.fingerprint().equals(fingerprint) ? new EarlierAnswer.SameRequest(orders.get(key.orderId()))
                : new EarlierAnswer.OtherRequest());
    }

    @Override
    public synchronized ShardMove.Result moveBetweenShards(ShardMove move) {
        List<Counters> shards = drops.get(move.dropId()).shards.get(move.sku());
        List<StockLevel> shortShards = new ArrayList<>();
        move.from().forEach((shard, units) -> {
            if (shards.get(shard).available < units) {
                shortShards.add(shards.get(shard).level(move.sku(), shard));
            }
        });
        if (!shortShards.isEmpty()) {
            return new ShardMove.Short(shortShards);
        }
        Published published = drops.get(move.dropId());
        move.from().forEach((shard, units) -> {
            shards.get(shard).released -= units;
            shards.get(shard).available -= units;
            released(published, move.sku(), move.movementId(), "REBALANCE", null, shard, -units, move.reason(),
                    move.at());
        });
        shards.get(move.to()).released += move.units();
        shards.get(move.to()).available += move.units();
        released(published, move.sku(), move.movementId(), "REBALANCE", null, move.to(), move.units(), move.reason(),
                move.at());
        writes++;
        return new ShardMove.Moved();
    }

    @Override
    public synchronized void attachPayment(Order order, PaymentIntent intent) {
        PaymentIntent attached = intents.putIfAbsent(order.orderId(), intent);
        if (attached != null && !attached.intentId().equals(intent.intentId())) {
            intents.put(order.orderId(), attached);
            throw new IllegalStateException("order " + order.orderId() + " already has intent " + attached.intentId());
        }
        orderOfIntent.put(intent.intentId(), order.orderId());
        Order stored = orders.get(order.orderId());
        orders.put(order.orderId(), new Order(stored.orderId(), stored.dropId(), stored.buyerId(), stored.buyerEmail(),
                stored.lines(), stored.amount(), stored.fulfilment(), stored.status(), stored.createdAt(),
                stored.holdExpiresAt(), stored.kind(), stored.deposit(), intent.intentId(), stored.balanceIntentId(),
                stored.handover()));
    }

    @Override
    public synchronized Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public synchronized Optional<String> orderIdForIntent(String intentId) {
        return Optional.ofNullable(orderOfIntent.get(intentId));
    }

    @Override
    public synchronized void recordIntent(PaymentIntent intent, String orderId) {
        orderOfIntent.put(intent.intentId(), orderId);
    }

    /**
     * As the table's one transaction: the provider event unapplied, the order in a status it may leave (and, for an
     * expiry, its hold over), every line's source counter covering its units, the slot's seat; then all of it.
     */
    @Override
    public synchronized TransitionResult apply(Transition t) {
        if (t.providerEventId() != null && providerEvents.contains(t.providerEventId())) {
            return new TransitionResult.EventAlreadyApplied();
        }
        Order current = orders.get(t.order().orderId());
        if (current == null) {
            throw new IllegalStateException("order " + t.order().orderId() + " vanished");
        }
        if (!t.from().contains(current.status())) {
            return new TransitionResult.StatusChanged(current.status());
        }
        if (t.notBefore() != null && current.holdExpiresAt().isAfter(t.notBefore())) {
            return new TransitionResult.NotDue();
        }
        Order order = t.order();
        Published published = drops.get(order.dropId());
        List<Integer> shortLines = new ArrayList<>();
        for (int i = 0; t.move() != null && i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            Counters item = item(published, line);
            if (counter(item, t.move().from()) < line.quantity() || (line.hubId() != null
                    && counter(item.hubs.get(line.hubId()), t.move().from()) < line.quantity())) {
                shortLines.add(i);
            }
        }
        int seatDelta = seatDelta(t);
        int[] seat = seatDelta == 0 ? null : slotOf(published, order);
        boolean slotFull = seatDelta > 0 && seat[1] >= seat[0];
        if (!shortLines.isEmpty() || slotFull) {
            return new TransitionResult.NotEnoughStock(shortLines);
        }
        int units = published.buyers.getOrDefault(order.buyerId().value(), 0);
        if (units + t.buyerUnitsDelta() < 0 || published.preorderTaken < t.capacityBack()) {
            throw new IllegalStateException("transition of order " + order.orderId() + " to " + t.to()
                    + " refused by the buyer's total or the capacity: the ledger or outbox already holds it");
        }
        if (t.providerEventId() != null) {
            providerEvents.add(t.providerEventId());
        }
        for (OrderLine line : t.move() == null ? List.<OrderLine>of() : order.lines()) {
            Counters item = item(published, line);
            move(item, t.move(), line.quantity());
            if (line.hubId() != null) {
                move(item.hubs.get(line.hubId()), t.move(), line.quantity());
            }
            int q = line.quantity();
            published.ledger.add(new LedgerEntry(line.sku(), order.orderId() + "#" + t.move().name(), t.at(),
                    t.move().name(), order.orderId(), line.hubId(), line.shard(), 0,
                    delta(t.move(), StockMove.Counter.AVAILABLE, q), delta(t.move(), StockMove.Counter.HELD, q),
                    delta(t.move(), StockMove.Counter.SOLD, q), t.reason()));
        }
        if (seat != null) {
            seat[1] += seatDelta;
        }
        published.buyers.put(order.buyerId().value(), units + t.buyerUnitsDelta());
        published.preorderTaken -= t.capacityBack();
        if (published.preorderRemaining != null) {
            published.preorderRemaining += t.capacityBack();
        }
        orders.put(order.orderId(), new Order(current.orderId(), current.dropId(), current.buyerId(),
                current.buyerEmail(), t.move() == StockMove.LATE_SALE ? order.lines() : current.lines(),
                current.amount(), current.fulfilment(), t.to(), current.createdAt(), current.holdExpiresAt(),
                current.kind(), current.deposit(), current.intentId(),
                t.attributes().getOrDefault("balanceIntentId", current.balanceIntentId()), current.handover()));
        orderAttributes.computeIfAbsent(order.orderId(), id -> new HashMap<>()).putAll(t.attributes());
        events.addAll(t.events());
        writes++;
        return new TransitionResult.Applied();
    }

    @Override
    public synchronized boolean recordEvent(String providerEventId, String orderId, String note) {
        return providerEvents.add(providerEventId);
    }

    @Override
    public synchronized boolean recordEvent(String providerEventId, String orderId, String note, DomainEvent event) {
        if (!providerEvents.add(providerEventId)) {
            return false;
        }
        events.add(event);
        return true;
    }

    @Override
    public synchronized TransitionResult recordDispute(String orderId, String providerEventId, String disputeState) {
        if (providerEvents.contains(providerEventId)) {
            return new TransitionResult.EventAlreadyApplied();
        }
        if (!orders.containsKey(orderId)) {
            throw new IllegalStateException("no order " + orderId + " to record a dispute on");
        }
        providerEvents.add(providerEventId);
        return new TransitionResult.Applied();
    }

    /** +1: a late payment takes its pickup seat again; -1: a leaving order frees it; 0: no seat moves. */
    private static int seatDelta(Transition t) {
        Order order = t.order();
        if (order.preorder() || !(order.fulfilment() instanceof Fulfilment.Pickup pickup) || pickup.slotId() == null) {
            return 0;
        }
        boolean seatHeld = t.from().stream().noneMatch(s -> s == OrderStatus.EXPIRED || s == OrderStatus.CANCELLED);
        boolean leaves = t.to() == OrderStatus.EXPIRED || t.to() == OrderStatus.CANCELLED
                || t.to() == OrderStatus.REFUNDED;
        if (seatHeld && leaves) {
            return -1;
        }
        return !seatHeld && t.to() == OrderStatus.PAID ? 1 : 0;
    }

    private static int delta(StockMove move, StockMove.Counter counter, int quantity) {
        return move.from() == counter ? -quantity : move.to() == counter ? quantity : 0;
    }

    /**
     * The ledger entry of {@code units} released (taken back when negative) for the SKU, one hub or one shard, as the
     * table's: {@code <movementId>#<hubId|shard>} for one hub's or shard's units; none for no units.
     */
    private static void released(Published published, String sku, String movementId, String movement, String hubId,
            Integer shard, int units, String reason, Instant at) {
        if (units == 0) {
            return;
        }
        String entryId = hubId != null ? movementId + "#" + hubId : shard != null ? movementId + "#" + shard
                : movementId;
        published.ledger.add(new LedgerEntry(sku, entryId, at, movement, null, hubId, shard, units, units, 0, 0,
                reason));
    }

    private static int counter(Counters item, StockMove.Counter counter) {
        return switch (counter) {
            case AVAILABLE -> item.available;
            case HELD -> item.held;
            case SOLD -> item.sold;
        };
    }

    private static void move(Counters item, StockMove move, int quantity) {
        add(item, move.from(), -quantity);
        add(item, move.to(), quantity);
    }

    private static void add(Counters item, StockMove.Counter counter, int delta) {
        switch (counter) {
            case AVAILABLE -> item.available += delta;
            case HELD -> item.held += delta;
            case SOLD -> item.sold += delta;
        }
    }

    @Override
    public synchronized Optional<DropSnapshot> read(String dropId) {
        Published published = drops.get(dropId);
        if (published == null) {
            return Optional.empty();
        }
        Map<String, StockLevel> stock = new HashMap<>();
        published.skus.forEach((sku, counters) -> stock.put(sku, counters.level(sku, null)));
        published.shards.forEach((sku, shards) -> {
            List<StockLevel> levels = new ArrayList<>();
            for (int i = 0; i < shards.size(); i++) {
                levels.add(shards.get(i).level(sku, i));
            }
            stock.put(sku, StockLevel.ofShards(sku, levels));
        });
        Map<String, Integer> seatsLeft = new TreeMap<>();
        published.slots.forEach((slot, seat) -> seatsLeft.put(slot, seat[0] - seat[1]));
        return Optional.of(new DropSnapshot(published.drop, stock, clock.instant(), seatsLeft, published.paused,
                published.flashUntil));
    }

    @Override
    public synchronized List<DropSummary> list() {
        return drops.values().stream().map(p -> new DropSummary(p.drop.dropId(), p.drop.name(), p.drop.opensAt(),
                p.drop.closesAt())).toList();
    }

    private static Counters item(Published published, OrderLine line) {
        return line.shard() != null ? published.shards.get(line.sku()).get(line.shard()) : published.skus.get(line.sku());
    }

    private static int[] slotOf(Published published, Order order) {
        return order.fulfilment() instanceof Fulfilment.Pickup pickup && pickup.slotId() != null
                ? published.slots.get(pickup.hubId() + "#" + pickup.slotId()) : null;
    }

    /**
     * The first checks of a hold or a pre-order write, counted as an attempt: the key's earlier answer if it was
     * used, else the order id must be new (the table's {@code IDEMPOTENCY_KEY_UNUSED}, then {@code ORDER_ID_UNUSED}).
     */
    private Optional<EarlierAnswer> begin(HoldRequest request) {
        attempts++;
        Order order = request.order();
        Optional<EarlierAnswer> earlier = earlierAnswer(order.dropId(), request.idempotencyKey(), request.fingerprint());
        if (earlier.isEmpty() && orders.containsKey(order.orderId())) {
            throw new IllegalStateException("order id collision: " + order.orderId());
        }
        return earlier;
    }

    private void recordOrder(Published published, HoldRequest request) {
        Order order = request.order();
        published.buyers.merge(order.buyerId().value(), order.units(), Integer::sum);
        published.keys.put(request.idempotencyKey(), new Key(request.fingerprint(), order.orderId()));
        orders.put(order.orderId(), order);
        events.add(request.event());
        writes++;
    }
}
