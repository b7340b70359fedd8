package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.bool;
import static dev.microdrop.infrastructure.dynamodb.Attributes.instant;
import static dev.microdrop.infrastructure.dynamodb.Attributes.integer;
import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.number;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.string;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.drop.Coordinates;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropListing;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.PreorderTerms;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.StockShards;
import dev.microdrop.core.drop.Tranches;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Drops, SKUs and their counters to and from items. */
final class DropItems {

    static final String TYPE = "type";

    /** A SKU item's per-hub counters: a map from hub id to {@code {totalUnits, released, available, held, sold}}. */
    static final String HUB_STOCK = "hubStock";

    /** A sharded SKU item's number of stock shards; absent for a SKU whose counters are in its own item. */
    static final String SHARDS = "shards";

    /** A stock shard item's number (0..N-1). */
    static final String SHARD = "shard";

    /** What is left of each access layer's own tranche on a stock item or shard: a map from layer to units. */
    static final String LAYER_RESERVED = "layerReserved";

    /** What each access layer's own tranche was set to on a stock item or shard (by the first wave). */
    static final String LAYER_SEEDED = "layerSeeded";

    private DropItems() {
    }

    static Map<String, AttributeValue> meta(Drop drop) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.dropMeta(drop.dropId()));
        item.put(TYPE, s("Drop"));
        item.put("dropId", s(drop.dropId()));
        item.put("name", s(drop.name()));
        item.put("currency", s(drop.currency().getCurrencyCode()));
        item.put("opensAt", time(drop.opensAt()));
        item.put("closesAt", time(drop.closesAt()));
        item.put("perBuyerLimit", n(drop.perBuyerLimit()));
        item.put("holdSeconds", n(drop.holdDuration().toSeconds()));
        item.put("shipping", bool(drop.shipping()));
        item.put("restockOnRefund", bool(drop.restockOnRefund()));
        if (drop.insiders() != null) {
            Map<String, AttributeValue> insiders = new HashMap<>(Map.of(
                    "opensAt", time(drop.insiders().opensAt()),
                    "reservedBasisPoints", n(drop.insiders().reservedBasisPoints()),
                    "perBuyerLimit", n(drop.insiders().perBuyerLimit())));
            if (!drop.insiders().layers().isEmpty()) {
                // Each later layer's name, when it opens and its own share (if any), in their order.
                insiders.put("layers", AttributeValue.fromL(drop.insiders().layers().stream()
                        .map(DropItems::layer).toList()));
            }
            item.put("insiders", AttributeValue.fromM(insiders));
        }
        if (drop.preorder() != null) {
            item.put("preorder", AttributeValue.fromM(Map.of(
                    "depositBasisPoints", n(drop.preorder().depositBasisPoints()),
                    "cap", n(drop.preorder().cap()),
                    "confirmBy", time(drop.preorder().confirmBy()))));
        }
        item.put("hubs", AttributeValue.fromL(drop.hubs().stream().map(h -> AttributeValue.fromM(hub(h))).toList()));
        DropListing listing = drop.listing();
        if (listing.story() != null) {
            item.put("story", s(listing.story()));
        }
        if (listing.cadence() != null) {
            item.put("cadence", s(listing.cadence()));
        }
        if (listing.storefrontUrl() != null) {
            item.put("storefrontUrl", s(listing.storefrontUrl()));
        }
        if (!listing.interests().isEmpty()) {
            item.put("interests", AttributeValue.fromL(listing.interests().stream().map(Attributes::s).toList()));
        }
        item.put("shipFrom", AttributeValue.fromL(drop.shipFrom().stream().map(Attributes::s).toList()));
        item.put("waves", AttributeValue.fromL(drop.wavePlan().waves().stream()
                .map(w -> AttributeValue.fromM(Map.of(
                        "number", n(w.number()), "at", time(w.at()), "shareBasisPoints", n(w.shareBasisPoints()))))
                .toList()));
        return item;
    }

    /** A hub as META lists it; address, coordinates (exact decimal text) and pickup promise only when it has them. */
    private static Map<String, AttributeValue> hub(PickupHub hub) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("hubId", s(hub.hubId()));
        m.put("name", s(hub.name()));
        m.put("slots", AttributeValue.fromL(hub.slots().stream().map(slot -> AttributeValue.fromM(Map.of(
                "slotId", s(slot.slotId()), "start", time(slot.start()), "end", time(slot.end()),
                "capacity", n(slot.capacity())))).toList()));
        if (hub.address() != null) {
            m.put("address", s(hub.address()));
        }
        if (hub.coordinates() != null) {
            m.put("coordinates", AttributeValue.fromM(Map.of(
                    "lat", AttributeValue.fromN(Double.toString(hub.coordinates().latitude())),
                    "lon", AttributeValue.fromN(Double.toString(hub.coordinates().longitude())))));
        }
        if (hub.pickupPromise() != null) {
            m.put("pickupPromiseSeconds", n(hub.pickupPromise().toSeconds()));
        }
        return m;
    }

    /**
     * A SKU with its counters, {@code released} being those of the waves 1..{@code wavesReleased}; {@code
     * opensAt}/{@code closesAt} are copied here so the hold's condition can see them. A SKU split by hub carries
     * the same counters per hub in {@code hubStock}, moved in the same writes as the SKU's.
     */
    static Map<String, AttributeValue> sku(Drop drop, Sku sku, int wavesReleased) {
        int released = sku.releasedAfter(drop.wavePlan(), wavesReleased);
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.sku(drop.dropId(), sku.sku()));
        item.put(TYPE, s("Sku"));
        item.put("sku", s(sku.sku()));
        item.put("productId", s(sku.productId()));
        item.put("productName", s(sku.productName()));
        item.put("variantName", s(sku.variantName()));
        item.put("price", n(sku.price().minorUnits()));
        item.put("totalUnits", n(sku.totalUnits()));
        item.put("released", n(released));
        item.put("wavesReleased", n(wavesReleased));
        if (sku.sharded()) {
            // The catalogue entry and the released total only: the counters live in the shards.
            item.put(SHARDS, n(sku.shards()));
            item.put(ShardSummaries.SHARD_LEVELS, ShardSummaries.initial(sku.sku(), released, sku.shards()));
            item.put("opensAt", n(drop.opensAt().toEpochMilli()));
            item.put("closesAt", n(drop.closesAt().toEpochMilli()));
            return item;
        }
        item.put("available", n(released));
        item.put("held", n(0));
        item.put("sold", n(0));
        if (!sku.waveUnits().isEmpty()) {
            item.put("waveUnits", AttributeValue.fromL(sku.waveUnits().stream().map(Attributes::n).toList()));
        }
        if (sku.splitByHub()) {
            Map<String, Integer> hubReleased = sku.hubsReleasedAfter(drop.wavePlan(), wavesReleased);
            Map<String, AttributeValue> hubStock = new HashMap<>();
            sku.hubUnits().forEach((hub, units) -> hubStock.put(hub, AttributeValue.fromM(Map.of(
                    "totalUnits", n(units), "released", n(hubReleased.get(hub)), "available", n(hubReleased.get(hub)),
                    "held", n(0), "sold", n(0)))));
            item.put(HUB_STOCK, AttributeValue.fromM(hubStock));
        }
        if (drop.insiders() != null) {
            // The insiders' tranche of the first wave, and when they may start buying from it.
            item.put("insiderOpensAt", n(drop.insiders().opensAt().toEpochMilli()));
            item.putAll(tranches(tranches(drop, sku, wavesReleased)));
        }
        item.put("opensAt", n(drop.opensAt().toEpochMilli()));
        item.put("closesAt", n(drop.closesAt().toEpochMilli()));
        return item;
    }

    /**
     * The stock shards of a sharded SKU, {@code released} (those of waves 1..{@code wavesReleased}) spread over
     * them by {@link StockShards#spread}; each carries the times and the insiders' tranche (spread the same way)
     * that the hold's condition reads.
     */
    static List<Map<String, AttributeValue>> shards(Drop drop, Sku sku, int wavesReleased) {
        int[] released = StockShards.spread(sku.releasedAfter(drop.wavePlan(), wavesReleased), sku.shards());
        List<Tranches> tranches = drop.insiders() == null ? List.of()
                : tranches(drop, sku, wavesReleased).spread(sku.shards());
        List<Map<String, AttributeValue>> shards = new ArrayList<>();
        for (int i = 0; i < sku.shards(); i++) {
            Map<String, AttributeValue> item = new HashMap<>(TableKeys.stockShard(drop.dropId(), sku.sku(), i));
            item.put(TYPE, s("StockShard"));
            item.put("dropId", s(drop.dropId()));
            item.put("sku", s(sku.sku()));
            item.put(SHARD, n(i));
            item.put("released", n(released[i]));
            item.put("available", n(released[i]));
            item.put("held", n(0));
            item.put("sold", n(0));
            if (drop.insiders() != null) {
                item.put("insiderOpensAt", n(drop.insiders().opensAt().toEpochMilli()));
                item.putAll(tranches(tranches.get(i)));
            }
            item.put("opensAt", n(drop.opensAt().toEpochMilli()));
            item.put("closesAt", n(drop.closesAt().toEpochMilli()));
            shards.add(item);
        }
        return shards;
    }

    /** The tranches of a SKU's first wave, once it is released (none before). */
    private static Tranches tranches(Drop drop, Sku sku, int wavesReleased) {
        return wavesReleased >= 1 ? Tranches.of(drop.insiders(), sku.releasedAfter(drop.wavePlan(), 1))
                : new Tranches(0, Map.of());
    }

    /**
     * The tranches on a stock item (or shard): {@code insiderReserved}, and the layers' own: {@code layerReserved},
     * what is left of each, which the hold's condition takes from, and {@code layerSeeded}, what each was set to,
     * which reconcile counts the layers' holds against (absent when no layer has a tranche of its own).
     */
    static Map<String, AttributeValue> tranches(Tranches tranches) {
        Map<String, AttributeValue> attributes = new HashMap<>(Map.of("insiderReserved", n(tranches.insiders())));
        if (!tranches.layers().isEmpty()) {
            Map<String, AttributeValue> counts = new HashMap<>();
            tranches.layers().forEach((layer, units) -> counts.put(layer, n(units)));
            attributes.put(LAYER_RESERVED, AttributeValue.fromM(counts));
            attributes.put(LAYER_SEEDED, AttributeValue.fromM(counts));
        }
        return attributes;
    }

    /** A stock item's (or shard's) layers' tranches left, or seeded ({@link #LAYER_SEEDED}), by layer. */
    static Map<String, Integer> layerCounts(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.m() == null) {
            return Map.of();
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        value.m().forEach((layer, units) -> counts.put(layer, Integer.parseInt(units.n())));
        return counts;
    }

    /** How many stock shards a SKU item's counters live in (1: in the item itself). */
    static int shardCount(Map<String, AttributeValue> skuItem) {
        return Math.max(1, integer(skuItem, SHARDS));
    }

    static Map<String, AttributeValue> slot(Drop drop, PickupHub hub, Slot slot) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.slot(drop.dropId(), hub.hubId(), slot.slotId()));
        item.put(TYPE, s("Slot"));
        item.put("hubId", s(hub.hubId()));
        item.put("slotId", s(slot.slotId()));
        item.put("seats", n(slot.capacity()));
        item.put("taken", n(0));
        return item;
    }

    static Map<String, AttributeValue> directoryEntry(Drop drop) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.directoryEntry(drop.dropId()));
        item.put(TYPE, s("DropEntry"));
        item.put("dropId", s(drop.dropId()));
        item.put("name", s(drop.name()));
        item.put("opensAt", time(drop.opensAt()));
        item.put("closesAt", time(drop.closesAt()));
        return item;
    }

    static Drop drop(Map<String, AttributeValue> meta, List<Map<String, AttributeValue>> skuItems) {
        String currency = string(meta, "currency");
        List<PickupHub> hubs = meta.getOrDefault("hubs", AttributeValue.fromL(List.of())).l().stream()
                .map(h -> new PickupHub(string(h.m(), "hubId"), string(h.m(), "name"),
                        h.m().getOrDefault("slots", AttributeValue.fromL(List.of())).l().stream()
                                .map(slot -> new Slot(string(slot.m(), "slotId"), instant(slot.m(), "start"),
                                        instant(slot.m(), "end"), integer(slot.m(), "capacity"))).toList(),
                        string(h.m(), "address"), coordinates(h.m().get("coordinates")),
                        h.m().containsKey("pickupPromiseSeconds")
                                ? Duration.ofSeconds(number(h.m(), "pickupPromiseSeconds")) : null))
                .toList();
        List<String> hubOrder = hubs.stream().map(PickupHub::hubId).toList();
        List<Sku> skus = skuItems.stream().map(i -> new Sku(
                string(i, "sku"), string(i, "productId"), string(i, "productName"), string(i, "variantName"),
                Money.of(number(i, "price"), currency), integer(i, "totalUnits"), hubUnits(i, hubOrder),
                i.getOrDefault("waveUnits", AttributeValue.fromL(List.of())).l().stream()
                        .map(u -> Integer.parseInt(u.n())).toList(), shardCount(i))).toList();
        List<String> shipFrom = meta.getOrDefault("shipFrom", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::s).toList();
        List<Wave> waves = meta.get("waves").l().stream()
                .map(w -> new Wave(integer(w.m(), "number"), instant(w.m(), "at"), integer(w.m(), "shareBasisPoints")))
                .toList();
        return new Drop(string(meta, "dropId"), string(meta, "name"), Currency.getInstance(currency),
                instant(meta, "opensAt"), instant(meta, "closesAt"), integer(meta, "perBuyerLimit"),
                Duration.ofSeconds(number(meta, "holdSeconds")), meta.get("shipping").bool(), hubs, skus,
                new WavePlan(waves), !meta.containsKey("restockOnRefund") || meta.get("restockOnRefund").bool(),
                insiders(meta.get("insiders")), shipFrom, preorder(meta.get("preorder")),
                new DropListing(string(meta, "story"), string(meta, "cadence"),
                        string(meta, "storefrontUrl"), meta.getOrDefault("interests", AttributeValue.fromL(List.of()))
                        .l().stream().map(AttributeValue::s).toList()));
    }

    private static Coordinates coordinates(AttributeValue value) {
        if (value == null || value.m() == null) {
            return null;
        }
        return new Coordinates(Double.parseDouble(value.m().get("lat").n()),
                Double.parseDouble(value.m().get("lon").n()));
    }

    private static PreorderTerms preorder(AttributeValue value) {
        if (value == null || value.m() == null) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new PreorderTerms(integer(m, "depositBasisPoints"), integer(m, "cap"), instant(m, "confirmBy"));
    }

    /**
     * The drop's pre-order capacity: {@code remaining + taken == cap}. Seeded once at publishing (a republish never
     * resets what pre-orders took); pre-orders take from {@code remaining}, and give back when they leave.
     */
    static Map<String, AttributeValue> preorderCapacity(Drop drop) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.preorderCapacity(drop.dropId()));
        item.put(TYPE, s("PreorderCapacity"));
        item.put("dropId", s(drop.dropId()));
        item.put("cap", n(drop.preorder().cap()));
        item.put("remaining", n(drop.preorder().cap()));
        item.put("taken", n(0));
        return item;
    }

    /** A SKU item's split by hub, in the drop's order of hubs (a map attribute keeps no order). */
    private static Map<String, Integer> hubUnits(Map<String, AttributeValue> skuItem, List<String> hubOrder) {
        Map<String, AttributeValue> hubStock = hubStock(skuItem);
        Map<String, Integer> units = new LinkedHashMap<>();
        hubOrder.stream().filter(hubStock::containsKey)
                .forEach(hub -> units.put(hub, integer(hubStock.get(hub).m(), "totalUnits")));
        return units;
    }

    private static Map<String, AttributeValue> hubStock(Map<String, AttributeValue> skuItem) {
        AttributeValue value = skuItem.get(HUB_STOCK);
        return value == null || value.m() == null ? Map.of() : value.m();
    }

    private static AttributeValue layer(Insiders.Layer layer) {
        Map<String, AttributeValue> m = new HashMap<>(Map.of("name", s(layer.name()), "opensAt", time(layer.opensAt())));
        if (layer.ownTranche()) {
            m.put("reservedBasisPoints", n(layer.reservedBasisPoints()));
        }
        return AttributeValue.fromM(m);
    }

    /** The early access a drop's meta item keeps, or null without. */
    static Insiders insidersOf(Map<String, AttributeValue> meta) {
        return insiders(meta.get("insiders"));
    }

    private static Insiders insiders(AttributeValue value) {
        if (value == null || value.m() == null) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        List<Insiders.Layer> layers = m.containsKey("layers") ? m.get("layers").l().stream()
                .map(l -> new Insiders.Layer(l.m().get("name").s(), instant(l.m(), "opensAt"),
                        l.m().containsKey("reservedBasisPoints") ? integer(l.m(), "reservedBasisPoints") : null))
                .toList() : List.of();
        return new Insiders(instant(m, "opensAt"), integer(m, "reservedBasisPoints"), integer(m, "perBuyerLimit"),
                layers);
    }

    /** The counters of a SKU item (with its hubs), or of one stock shard's item (with its shard number). */
    static StockLevel stock(Map<String, AttributeValue> skuItem) {
        String sku = string(skuItem, "sku");
        if (skuItem.containsKey(SHARD)) {
            return StockLevel.ofShard(sku, integer(skuItem, SHARD), integer(skuItem, "released"),
                    integer(skuItem, "available"), integer(skuItem, "held"), integer(skuItem, "sold"));
        }
        Map<String, StockLevel> hubs = new HashMap<>();
        hubStock(skuItem).forEach((hub, counters) -> hubs.put(hub, counters(sku, counters.m(), Map.of())));
        return counters(sku, skuItem, hubs);
    }

    private static StockLevel counters(String sku, Map<String, AttributeValue> counters, Map<String, StockLevel> hubs) {
        return new StockLevel(sku, integer(counters, "released"), integer(counters, "available"),
                integer(counters, "held"), integer(counters, "sold"), hubs);
    }

    /** Paused by its merchant: META's flag, and every stock item's (the one the hold's condition reads). */
    static boolean paused(Map<String, AttributeValue> item) {
        AttributeValue paused = item.get("paused");
        return paused != null && Boolean.TRUE.equals(paused.bool());
    }

    /** The end of the SKU's last insiders' flash window, or null if it never had one. */
    static Instant flashUntil(Map<String, AttributeValue> skuItem) {
        return skuItem.containsKey("flashUntil") ? Instant.ofEpochMilli(number(skuItem, "flashUntil")) : null;
    }

    static DropSummary summary(Map<String, AttributeValue> entry) {
        return new DropSummary(string(entry, "dropId"), string(entry, "name"), instant(entry, "opensAt"),
                instant(entry, "closesAt"));
    }
}
