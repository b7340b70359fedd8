package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Republish;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.merchant.DropPublisher;
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
public final class DynamoDbDropPublisher implements DropPublisher {

    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDropPublisher(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public PublishResult publish(Drop drop, DomainEvent.DropPublished published) {
        Instant now = published.occurredAt();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, Map<String, AttributeValue>> existing = existingSkus(drop.dropId());
            Map<String, AttributeValue> meta = dynamoDb.getItem(r -> r.tableName(table)
                    .key(TableKeys.dropMeta(drop.dropId())).consistentRead(true)).item();
            if (meta == null || meta.isEmpty()) {
                return create(drop, published, now);
            }
            Map<String, List<StockLevel>> shards = shardsOf(drop.dropId(), existing);
            List<String> refusals = refusals(drop, meta, existing, shards);
            if (!refusals.isEmpty()) {
                return new PublishResult.Refused(refusals);
            }
            List<String> changes = new ArrayList<>();
            seedSlots(drop);
            List<TransactWriteItem> writes = updates(drop, existing, shards, DropItems.paused(meta), now, changes);
            // Unconditional: two publishes in one millisecond make one event id, which consumers dedupe anyway.
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(OutboxItems.item(published)).build()).build());
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(writes));
                return new PublishResult.Updated(changes);
            } catch (TransactionCanceledException raced) {
                // A checkout moved the counters between our read and our write: read again, decide again.
            }
        }
        return new PublishResult.Refused(List.of("the drop kept changing under concurrent checkouts; publish again"));
    }

    /**
     * A new drop's items, one by one (more than a transaction takes), each only if absent, and its event last: a crash
     * before the event leaves a drop that publishing again completes, as an update that carries its event then.
     */
    private PublishResult create(Drop drop, DomainEvent.DropPublished published, Instant now) {
        int wavesDue = drop.wavesDueAt(now);
        seedSlots(drop);
        putIfAbsent(DropItems.meta(drop));
        for (Sku sku : drop.skus()) {
            seedSku(drop, sku, wavesDue, now);
        }
        putIfAbsent(DropItems.directoryEntry(drop));
        putIfAbsent(OutboxItems.item(published));
        return new PublishResult.Created();
    }

    /** What is published, as read (facts for {@link Republish}, which decides whether the new version may be). */
    private static List<String> refusals(Drop drop, Map<String, AttributeValue> meta,
            Map<String, Map<String, AttributeValue>> existing, Map<String, List<StockLevel>> shards) {
        List<Republish.PublishedSku> published = new ArrayList<>();
        existing.forEach((sku, item) -> published.add(new Republish.PublishedSku(sku, publishedSplit(item),
                DropItems.shardCount(item), shards.containsKey(sku)
                        ? shards.get(sku).stream().mapToInt(l -> l.held() + l.sold()).sum()
                        : Attributes.integer(item, "held") + Attributes.integer(item, "sold"))));
        int wavesReleased = existing.values().stream().mapToInt(item -> Attributes.integer(item, "wavesReleased"))
                .max().orElse(0);
        return Republish.refusals(drop, new Republish.Published(Attributes.string(meta, "currency"), published,
                DropItems.insidersOf(meta), wavesReleased));
    }

    private List<TransactWriteItem> updates(Drop drop, Map<String, Map<String, AttributeValue>> existing,
            Map<String, List<StockLevel>> shards, boolean paused, Instant now, List<String> changes) {
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
                Map<String, AttributeValue> skuItem = new HashMap<>(DropItems.sku(drop, sku, wavesReleased));
                if (paused) {
                    skuItem.put("paused", AttributeValue.fromBool(true));
                }
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(skuItem)
                        .conditionExpression(Conditions.ITEM_ABSENT).build()).build());
                writes.addAll(seedShards(drop, sku, wavesReleased));
                writes.addAll(seedLedger(drop, sku, wavesReleased, movementId, "new SKU published mid-drop", now));
                changes.add("SKU " + sku.sku() + ": added with " + sku.totalUnits() + " units");
                continue;
            }
            int released = Attributes.integer(item, "released");
            int target = sku.releasedAfter(drop.wavePlan(), wavesReleased);
            if (sku.sharded()) {
                writes.addAll(shardedUpdate(drop, sku, released, target, shards.get(sku.sku()), movementId, now,
                        changes));
                changes(sku, item, changes);
                continue;
            }
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
            changes(sku, item, changes);
        }
        return writes;
    }

    private static void changes(Sku sku, Map<String, AttributeValue> item, List<String> changes) {
        if (sku.price().minorUnits() != Attributes.number(item, "price")) {
            changes.add("SKU " + sku.sku() + ": price " + Attributes.number(item, "price") + " -> "
                    + sku.price().minorUnits());
        }
        if (sku.totalUnits() != Attributes.integer(item, "totalUnits")) {
            changes.add("SKU " + sku.sku() + ": units " + Attributes.integer(item, "totalUnits") + " -> "
                    + sku.totalUnits());
        }
    }

    /**
     * A sharded SKU republished: its item's catalogue entry and {@code released} (against the count read), and
     * every shard's times and units, units added spread over the shards and unsold units withdrawn from those
     * with the most available; held and sold counts are never touched.
     */
    private List<TransactWriteItem> shardedUpdate(Drop drop, Sku sku, int released, int target,
            List<StockLevel> shards, String movementId, Instant now, List<String> changes) {
        int asked = sku.totalUnits() < released ? sku.totalUnits() - released : Math.max(0, target - released);
        // Refusals already made sure the units held or sold stay: what is withdrawn is available somewhere.
        ShardReleases release = ShardReleases.of(asked, shards).orElseThrow();
        int delta = release.total();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":productName", s(sku.productName()), ":variantName", s(sku.variantName()),
                ":price", n(sku.price().minorUnits()), ":total", n(sku.totalUnits()),
                ":opensAt", n(drop.opensAt().toEpochMilli()), ":closesAt", n(drop.closesAt().toEpochMilli()),
                ":delta", n(delta), ":released", n(released)));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.sku(drop.dropId(), sku.sku()))
                .updateExpression(Conditions.SHARDED_SKU_REPUBLISH_UPDATE + waveUnits(sku, values))
                .conditionExpression(Conditions.SHARDED_SKU_UNCHANGED)
                .expressionAttributeValues(values).build()).build());
        writes.addAll(release.updates(table, drop.dropId(), sku.sku(), Conditions.SHARD_REPUBLISH_UPDATE,
                i -> Map.of(":opensAt", n(drop.opensAt().toEpochMilli()), ":closesAt", n(drop.closesAt().toEpochMilli())),
                true));
        if (delta != 0) {
            String reason = delta > 0 ? "units added by publishing" : "unsold units withdrawn by publishing";
            writes.addAll(release.ledger(table, drop.dropId(), sku.sku(), movementId, "PUBLISH_ADJUST", reason, now));
            changes.add("SKU " + sku.sku() + ": " + (delta > 0 ? "released " + delta + " more units"
                    : "withdrew " + (-delta) + " unsold units"));
        }
        return writes;
    }

    /** The current shards of every published sharded SKU (consistent reads). */
    private Map<String, List<StockLevel>> shardsOf(String dropId, Map<String, Map<String, AttributeValue>> existing) {
        Map<String, List<StockLevel>> shards = new HashMap<>();
        existing.forEach((sku, item) -> {
            if (DropItems.shardCount(item) > 1) {
                shards.put(sku, ShardReleases.read(dynamoDb, table, dropId, sku, DropItems.shardCount(item)));
            }
        });
        return shards;
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
        writes.addAll(seedShards(drop, sku, wavesDue));
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

    /** A sharded SKU's stock shards, put with its item (none for a SKU kept in one item). */
    private List<TransactWriteItem> seedShards(Drop drop, Sku sku, int wavesDue) {
        if (!sku.sharded()) {
            return List.of();
        }
        return DropItems.shards(drop, sku, wavesDue).stream().map(item -> TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).conditionExpression(Conditions.ITEM_ABSENT).build())
                .build()).toList();
    }

    /**
     * The ledger of a SKU's first units: one entry, one per hub for a SKU split by hub, or one per stock shard with
     * units ({@code <movementId>#<shard>}) for a sharded SKU.
     */
    private List<TransactWriteItem> seedLedger(Drop drop, Sku sku, int wavesDue, String movementId, String reason,
            Instant now) {
        if (sku.sharded()) {
            return ShardReleases.spread(sku.releasedAfter(drop.wavePlan(), wavesDue), sku.shards())
                    .ledger(table, drop.dropId(), sku.sku(), movementId, "RELEASE_WAVE", reason, now);
        }
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
