package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Publishes a drop. A new drop is seeded: its META item, one item per SKU with the units of every wave already
 * due (and their ledger entry), its directory entry. Publishing it again, or an edited version, mid-drop, updates
 * what may change (names, prices, times, limits, units) without ever touching held or sold counts, in one
 * transaction; a change that would (fewer units than are held or sold, a removed SKU, another currency) is
 * refused with the reason, and nothing is written.
 */
public final class DynamoDbDropPublisher {

    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDropPublisher(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public PublishResult publish(Drop drop, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, Map<String, AttributeValue>> existing = existingSkus(drop.dropId());
            Map<String, AttributeValue> meta = dynamoDb.getItem(r -> r.tableName(table)
                    .key(TableKeys.dropMeta(drop.dropId())).consistentRead(true)).item();
            if (meta == null || meta.isEmpty()) {
                return create(drop, now);
            }
            List<String> refusals = refusals(drop, meta, existing);
            if (!refusals.isEmpty()) {
                return new PublishResult.Refused(refusals);
            }
            List<String> changes = new ArrayList<>();
            seedSlots(drop);
            List<TransactWriteItem> writes = updates(drop, existing, DropItems.paused(meta), now, changes);
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(writes));
                return new PublishResult.Updated(changes);
            } catch (TransactionCanceledException raced) {
                // A checkout moved the counters between our read and our write: read again, decide again.
            }
        }
        return new PublishResult.Refused(List.of("the drop kept changing under concurrent checkouts; publish again"));
    }

    private PublishResult create(Drop drop, Instant now) {
        int wavesDue = drop.wavesDueAt(now);
        seedSlots(drop);
        putIfAbsent(DropItems.meta(drop));
        for (Sku sku : drop.skus()) {
            seedSku(drop, sku, drop.wavePlan().releasedAfter(wavesDue, sku.totalUnits()), wavesDue, now);
        }
        putIfAbsent(DropItems.directoryEntry(drop));
        return new PublishResult.Created();
    }

    private static List<String> refusals(Drop drop, Map<String, AttributeValue> meta,
            Map<String, Map<String, AttributeValue>> existing) {
        List<String> refusals = new ArrayList<>();
        if (!drop.currency().getCurrencyCode().equals(Attributes.string(meta, "currency"))) {
            refusals.add("currency: the drop sells in " + Attributes.string(meta, "currency")
                    + " and cannot change currency once published");
        }
        for (String sku : existing.keySet()) {
            if (drop.sku(sku).isEmpty()) {
                refusals.add("SKU " + sku + ": it was published and cannot be removed; set its units to what is "
                        + "held or sold instead");
            }
        }
        for (Sku sku : drop.skus()) {
            Map<String, AttributeValue> item = existing.get(sku.sku());
            if (item == null) {
                continue;
            }
            int committed = Attributes.integer(item, "held") + Attributes.integer(item, "sold");
            if (sku.totalUnits() < committed) {
                refusals.add("SKU " + sku.sku() + ": " + committed + " units are held or sold; its units cannot go "
                        + "below " + committed + " (asked for " + sku.totalUnits() + ")");
            }
        }
        return refusals;
    }

    private List<TransactWriteItem> updates(Drop drop, Map<String, Map<String, AttributeValue>> existing,
            boolean paused, Instant now, List<String> changes) {
        int wavesReleased = existing.values().stream().mapToInt(i -> Attributes.integer(i, "wavesReleased"))
                .max().orElse(drop.wavesDueAt(now));
        String movementId = "PUBLISH#" + now.toEpochMilli();
        List<TransactWriteItem> writes = new ArrayList<>();
        // Republishing (or closing) a paused drop leaves it paused: the pause is the merchant's, not the manifest's.
        Map<String, AttributeValue> meta = new HashMap<>(DropItems.meta(drop));
        if (paused) {
            meta.put("paused", AttributeValue.fromBool(true));
        }
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(meta).build())
                .build());
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(DropItems.directoryEntry(drop)).build()).build());
        for (Sku sku : drop.skus()) {
            Map<String, AttributeValue> item = existing.get(sku.sku());
            if (item == null) {
                int released = drop.wavePlan().releasedAfter(wavesReleased, sku.totalUnits());
                Map<String, AttributeValue> skuItem = new HashMap<>(DropItems.sku(drop, sku, released, wavesReleased));
                if (paused) {
                    skuItem.put("paused", AttributeValue.fromBool(true));
                }
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(skuItem)
                        .conditionExpression(Conditions.ITEM_ABSENT).build()).build());
                if (released > 0) {
                    writes.add(LedgerItems.entry(table, drop.dropId(), sku.sku(), movementId, "RELEASE_WAVE", null,
                            released, released, released, 0, 0, "new SKU published mid-drop", now));
                }
                changes.add("SKU " + sku.sku() + ": added with " + sku.totalUnits() + " units");
                continue;
            }
            int released = Attributes.integer(item, "released");
            int target = drop.wavePlan().releasedAfter(wavesReleased, sku.totalUnits());
            // Withdraw unsold units above the new total; release more if the new total raises what is due.
            int delta = sku.totalUnits() < released ? sku.totalUnits() - released : Math.max(0, target - released);
            Map<String, AttributeValue> values = new HashMap<>(Map.of(
                    ":productName", s(sku.productName()), ":variantName", s(sku.variantName()),
                    ":price", n(sku.price().minorUnits()), ":total", n(sku.totalUnits()),
                    ":opensAt", n(drop.opensAt().toEpochMilli()), ":closesAt", n(drop.closesAt().toEpochMilli()),
                    ":delta", n(delta), ":released", n(released), ":withdrawn", n(Math.max(0, -delta))));
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(TableKeys.sku(drop.dropId(), sku.sku()))
                    .updateExpression(Conditions.REPUBLISH_SKU_UPDATE)
                    .conditionExpression(Conditions.REPUBLISH_SKU_UNCHANGED_COUNTERS)
                    .expressionAttributeValues(values).build()).build());
            if (delta != 0) {
                writes.add(LedgerItems.entry(table, drop.dropId(), sku.sku(), movementId, "PUBLISH_ADJUST", null,
                        Math.abs(delta), delta, delta, 0, 0, delta > 0 ? "units added by publishing"
                                : "unsold units withdrawn by publishing", now));
                changes.add("SKU " + sku.sku() + ": " + (delta > 0 ? "released " + delta + " more units"
                        : "withdrew " + (-delta) + " unsold units"));
            }
            if (sku.price().minorUnits() != Attributes.number(item, "price")) {
                changes.add("SKU " + sku.sku() + ": price " + Attributes.number(item, "price") + " -> "
                        + sku.price().minorUnits());
            }
            if (sku.totalUnits() != Attributes.integer(item, "totalUnits")) {
                changes.add("SKU " + sku.sku() + ": units " + Attributes.integer(item, "totalUnits") + " -> "
                        + sku.totalUnits());
            }
        }
        return writes;
    }

    private Map<String, Map<String, AttributeValue>> existingSkus(String dropId) {
        Map<String, Map<String, AttributeValue>> skus = new LinkedHashMap<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :sku)")
                        .expressionAttributeValues(Map.of(":pk", TableKeys.dropPartition(dropId),
                                ":sku", AttributeValue.fromS(TableKeys.SKU_PREFIX))))
                .items().forEach(item -> skus.put(Attributes.string(item, "sku"), item));
        return skus;
    }

    /** The SKU item and the ledger entry of the units released so far, together or not at all. */
    private void seedSku(Drop drop, Sku sku, int released, int wavesDue, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(DropItems.sku(drop, sku, released, wavesDue)).conditionExpression(Conditions.ITEM_ABSENT).build()).build());
        if (released > 0) {
            writes.add(LedgerItems.entry(table, drop.dropId(), sku.sku(), "WAVE#" + wavesDue, "RELEASE_WAVE", null,
                    released, released, released, 0, 0, "waves 1.." + wavesDue + " due at publishing", now));
        }
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException exists) {
            if (exists.cancellationReasons().stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw exists;
            }
        }
    }

    /** New slots get their seats; existing ones keep theirs (a republish never frees booked seats). */
    private void seedSlots(Drop drop) {
        drop.hubs().forEach(hub -> hub.slots().forEach(slot -> putIfAbsent(DropItems.slot(drop, hub, slot))));
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression(Conditions.ITEM_ABSENT));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }
}
