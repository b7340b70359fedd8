package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Units released at several hubs of one SKU in one update (a wave, a republish): each hub's {@code released} and
 * {@code available} rise by its own delta ({@link Conditions#hubRelease}), the SKU's by their sum, and each hub
 * gets its own ledger entry, so the ledger still sums to every hub's counters and to the SKU's.
 */
final class HubReleases {

    private final Map<String, Integer> deltas;

    private HubReleases(Map<String, Integer> deltas) {
        this.deltas = deltas;
    }

    /**
     * The deltas that raise each hub of {@code skuItem} to its target ({@code releasedAfter}, by hub id); none
     * for a SKU not split by hub. A hub never goes down here: withdrawing is an adjustment.
     */
    static HubReleases of(Map<String, AttributeValue> skuItem, Map<String, Integer> releasedAfter) {
        Map<String, Integer> deltas = new LinkedHashMap<>();
        AttributeValue hubStock = skuItem.get(DropItems.HUB_STOCK);
        if (hubStock != null && hubStock.m() != null) {
            releasedAfter.forEach((hub, target) -> {
                AttributeValue counters = hubStock.m().get(hub);
                int current = counters == null ? 0 : Attributes.integer(counters.m(), "released");
                deltas.put(hub, Math.max(0, target - current));
            });
        }
        return new HubReleases(deltas);
    }

    /** Hubs seeded from nothing: each hub's delta is its target. */
    static HubReleases seeded(Map<String, Integer> releasedAfter) {
        return new HubReleases(new LinkedHashMap<>(releasedAfter));
    }

    boolean isEmpty() {
        return deltas.isEmpty();
    }

    /** What the SKU's own counters rise by. */
    int total() {
        return deltas.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The update's hub clauses (each starting with ", "), their values added to {@code values}. */
    String update(Map<String, AttributeValue> values) {
        StringBuilder update = new StringBuilder();
        int i = 0;
        for (int delta : deltas.values()) {
            update.append(", ").append(Conditions.hubRelease(i));
            values.put(":hubDelta" + i, n(delta));
            i++;
        }
        return update.toString();
    }

    /** The builder with the names of the hubs ({@code #hub<i>}) the update's clauses use. */
    Update.Builder named(Update.Builder update) {
        if (deltas.isEmpty()) {
            return update;
        }
        Map<String, String> names = new HashMap<>();
        int i = 0;
        for (String hub : deltas.keySet()) {
            names.put("#hub" + i++, hub);
        }
        return update.expressionAttributeNames(names);
    }

    /** One ledger entry per hub that received units: {@code <movementId>#<hubId>}. */
    List<TransactWriteItem> ledger(String table, String dropId, String sku, String movementId, String movement,
            String reason, Instant at) {
        List<TransactWriteItem> entries = new ArrayList<>();
        deltas.forEach((hub, delta) -> {
            if (delta != 0) {
                entries.add(LedgerItems.entry(table, dropId, sku, hub, movementId + "#" + hub, movement, null,
                        Math.abs(delta), delta, delta, 0, 0, reason, at));
            }
        });
        return entries;
    }
}
