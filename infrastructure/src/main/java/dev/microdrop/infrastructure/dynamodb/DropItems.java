package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.bool;
import static dev.microdrop.infrastructure.dynamodb.Attributes.instant;
import static dev.microdrop.infrastructure.dynamodb.Attributes.integer;
import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.number;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.string;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Drops, SKUs and their counters to and from items. */
final class DropItems {

    static final String TYPE = "type";

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
            item.put("insiders", AttributeValue.fromM(Map.of(
                    "opensAt", time(drop.insiders().opensAt()),
                    "reservedBasisPoints", n(drop.insiders().reservedBasisPoints()),
                    "perBuyerLimit", n(drop.insiders().perBuyerLimit()))));
        }
        item.put("hubs", AttributeValue.fromL(drop.hubs().stream()
                .map(h -> AttributeValue.fromM(Map.of("hubId", s(h.hubId()), "name", s(h.name()),
                        "slots", AttributeValue.fromL(h.slots().stream().map(slot -> AttributeValue.fromM(Map.of(
                                "slotId", s(slot.slotId()), "start", time(slot.start()), "end", time(slot.end()),
                                "capacity", n(slot.capacity())))).toList()))))
                .toList()));
        item.put("waves", AttributeValue.fromL(drop.wavePlan().waves().stream()
                .map(w -> AttributeValue.fromM(Map.of(
                        "number", n(w.number()), "at", time(w.at()), "shareBasisPoints", n(w.shareBasisPoints()))))
                .toList()));
        return item;
    }

    /** A SKU with its counters; {@code opensAt}/{@code closesAt} are copied here so the hold's condition can see them. */
    static Map<String, AttributeValue> sku(Drop drop, Sku sku, int released, int wavesReleased) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.sku(drop.dropId(), sku.sku()));
        item.put(TYPE, s("Sku"));
        item.put("sku", s(sku.sku()));
        item.put("productId", s(sku.productId()));
        item.put("productName", s(sku.productName()));
        item.put("variantName", s(sku.variantName()));
        item.put("price", n(sku.price().minorUnits()));
        item.put("totalUnits", n(sku.totalUnits()));
        item.put("released", n(released));
        item.put("available", n(released));
        item.put("held", n(0));
        item.put("sold", n(0));
        item.put("wavesReleased", n(wavesReleased));
        if (drop.insiders() != null) {
            // The insiders' tranche of the first wave, and when they may start buying from it.
            item.put("insiderOpensAt", n(drop.insiders().opensAt().toEpochMilli()));
            item.put("insiderReserved", n(wavesReleased >= 1
                    ? drop.insiders().reserved(drop.wavePlan().releasedAfter(1, sku.totalUnits())) : 0));
        }
        item.put("opensAt", n(drop.opensAt().toEpochMilli()));
        item.put("closesAt", n(drop.closesAt().toEpochMilli()));
        return item;
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
        List<Sku> skus = skuItems.stream().map(i -> new Sku(
                string(i, "sku"), string(i, "productId"), string(i, "productName"), string(i, "variantName"),
                Money.of(number(i, "price"), currency), integer(i, "totalUnits"))).toList();
        List<PickupHub> hubs = meta.getOrDefault("hubs", AttributeValue.fromL(List.of())).l().stream()
                .map(h -> new PickupHub(string(h.m(), "hubId"), string(h.m(), "name"),
                        h.m().getOrDefault("slots", AttributeValue.fromL(List.of())).l().stream()
                                .map(slot -> new Slot(string(slot.m(), "slotId"), instant(slot.m(), "start"),
                                        instant(slot.m(), "end"), integer(slot.m(), "capacity"))).toList()))
                .toList();
        List<Wave> waves = meta.get("waves").l().stream()
                .map(w -> new Wave(integer(w.m(), "number"), instant(w.m(), "at"), integer(w.m(), "shareBasisPoints")))
                .toList();
        return new Drop(string(meta, "dropId"), string(meta, "name"), Currency.getInstance(currency),
                instant(meta, "opensAt"), instant(meta, "closesAt"), integer(meta, "perBuyerLimit"),
                Duration.ofSeconds(number(meta, "holdSeconds")), meta.get("shipping").bool(), hubs, skus,
                new WavePlan(waves), !meta.containsKey("restockOnRefund") || meta.get("restockOnRefund").bool(),
                insiders(meta.get("insiders")));
    }

    private static Insiders insiders(AttributeValue value) {
        if (value == null || value.m() == null) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new Insiders(instant(m, "opensAt"), integer(m, "reservedBasisPoints"), integer(m, "perBuyerLimit"));
    }

    static StockLevel stock(Map<String, AttributeValue> skuItem) {
        return new StockLevel(string(skuItem, "sku"), integer(skuItem, "released"), integer(skuItem, "available"),
                integer(skuItem, "held"), integer(skuItem, "sold"));
    }

    static boolean openAt(Map<String, AttributeValue> skuItem, Instant now) {
        long millis = now.toEpochMilli();
        return number(skuItem, "opensAt") <= millis && number(skuItem, "closesAt") > millis;
    }

    static boolean insiderWindowOpenAt(Map<String, AttributeValue> skuItem, Instant now) {
        long millis = now.toEpochMilli();
        return skuItem.containsKey("insiderOpensAt") && number(skuItem, "insiderOpensAt") <= millis
                && number(skuItem, "closesAt") > millis;
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
