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
            List<TransactWriteItem> writes = updates(drop, existing, now, changes);
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
            seedSku(drop, sku, wavesDue, now);
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
            Map<String, Integer> published = publishedSplit(item);
            if (!published.equals(sku.hubUnits())) {
                refusals.add("SKU " + sku.sku() + ": its split across hubs cannot change once published (published "
                        + published + ", asked for " + sku.hubUnits() + "); move a hub's units with a stock "
                        + "adjustment instead");
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
            Instant now, List<String> changes) {
        int wavesReleased = existing.values().stream().mapToInt(i -> Attributes.integer(i, "wavesReleased"))
                .max().orElse(drop.wavesDueAt(now));
        String movementId = "PUBLISH#" + now.toEpochMilli();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(DropItems.meta(drop)).build())
                .build());
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(DropItems.directoryEntry(drop)).build()).build());
        for (Sku sku : drop.skus()) {
            Map<String, AttributeValue> item = existing.get(sku.sku());
            if (item == null) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(DropItems.sku(drop, sku, wavesReleased))
                        .conditionExpression(Conditions.ITEM_ABSENT).build()).build());
                writes.addAll(seedLedger(drop, sku, wavesReleased, movementId, "new SKU published mid-drop", now));
                changes.add("SKU " + sku.sku() + ": added with " + sku.totalUnits() + " units");
                continue;
            }
            int released = Attributes.integer(item, "released");
            int target = sku.releasedAfter(drop.wavePlan(), wavesReleased);
            // A split SKU keeps its split (refused otherwise), so only waves due can raise each hub.
            HubReleases hubs = HubReleases.of(item, sku.hubsReleasedAfter(drop.wavePlan(), wavesReleased));
            // Withdraw unsold units above the new total; release more if the new total raises what is due.
            int delta = !hubs.isEmpty() ? hubs.total()
                    : sku.totalUnits() < released ? sku.totalUnits() - released : Math.max(0, target - released);
            Map<String, AttributeValue> values = new HashMap<>(Map.of(
                    ":productName", s(sku.productName()), ":variantName", s(sku.variantName()),
                    ":price", n(sku.price().minorUnits()), ":total", n(sku.totalUnits()),
                    ":opensAt", n(drop.opensAt().toEpochMilli()), ":closesAt", n(drop.closesAt().toEpochMilli()),
                    ":delta", n(delta), ":released", n(released), ":withdrawn", n(Math.max(0, -delta))));
            String update = Conditions.REPUBLISH_SKU_UPDATE + hubs.update(values) + waveUnits(sku, values);
            writes.add(TransactWriteItem.builder().update(hubs.named(Update.builder().tableName(table)
                    .key(TableKeys.sku(drop.dropId(), sku.sku()))
                    .updateExpression(update)
                    .conditionExpression(Conditions.REPUBLISH_SKU_UNCHANGED_COUNTERS)
                    .expressionAttributeValues(values)).build()).build());
            if (delta != 0) {
                String reason = delta > 0 ? "units added by publishing" : "unsold units withdrawn by publishing";
                writes.addAll(hubs.isEmpty()
                        ? List.of(LedgerItems.entry(table, drop.dropId(), sku.sku(), movementId, "PUBLISH_ADJUST", null,
                                Math.abs(delta), delta, delta, 0, 0, reason, now))
                        : hubs.ledger(table, drop.dropId(), sku.sku(), movementId, "PUBLISH_ADJUST", reason, now));
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
    private void seedSku(Drop drop, Sku sku, int wavesDue, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(DropItems.sku(drop, sku, wavesDue)).conditionExpression(Conditions.ITEM_ABSENT).build()).build());
        writes.addAll(seedLedger(drop, sku, wavesDue, "WAVE#" + wavesDue, "waves 1.." + wavesDue
                + " due at publishing", now));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException exists) {
            if (exists.cancellationReasons().stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw exists;
            }
        }
    }

    /** The SKU's own units per wave, set or removed with the republish (later waves release by them). */
    private static String waveUnits(Sku sku, Map<String, AttributeValue> values) {
        if (sku.waveUnits().isEmpty()) {
            return " REMOVE waveUnits";
        }
        values.put(":waveUnits", AttributeValue.fromL(sku.waveUnits().stream().map(Attributes::n).toList()));
        return ", waveUnits = :waveUnits";
    }

    /** The ledger of a SKU's first units: one entry, or one per hub for a SKU split by hub. */
    private List<TransactWriteItem> seedLedger(Drop drop, Sku sku, int wavesDue, String movementId, String reason,
            Instant now) {
        if (sku.splitByHub()) {
            return HubReleases.seeded(sku.hubsReleasedAfter(drop.wavePlan(), wavesDue))
                    .ledger(table, drop.dropId(), sku.sku(), movementId, "RELEASE_WAVE", reason, now);
        }
        int released = sku.releasedAfter(drop.wavePlan(), wavesDue);
        return released == 0 ? List.of() : List.of(LedgerItems.entry(table, drop.dropId(), sku.sku(), movementId,
                "RELEASE_WAVE", null, released, released, released, 0, 0, reason, now));
    }

    /** A published SKU item's split by hub ({@code hubStock} totals); empty when it is sold from one pool. */
    private static Map<String, Integer> publishedSplit(Map<String, AttributeValue> item) {
        Map<String, Integer> split = new HashMap<>();
        AttributeValue hubStock = item.get(DropItems.HUB_STOCK);
        if (hubStock != null && hubStock.m() != null) {
            hubStock.m().forEach((hub, counters) -> split.put(hub, Attributes.integer(counters.m(), "totalUnits")));
        }
        return split;
    }

    /** New slots get their seats; existing ones keep theirs (a republish never frees booked seats). */
    private void seedSlots(Drop drop) {
        drop.hubs().forEach(hub -> hub.slots().forEach(slot -> putIfAbsent(DropItems.slot(drop, hub, slot))));
        if (drop.preorder() != null) {
            // Like a slot: seeded once, never reset by a republish (what pre-orders took stays taken).
            putIfAbsent(DropItems.preorderCapacity(drop));
        }
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
