package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.merchant.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The inventory ledger: one immutable entry per stock movement, written in the same transaction as the counter
 * change it records. Summing a SKU's entries gives its counters; reconciliation checks exactly that.
 */
final class LedgerItems {

    private LedgerItems() {
    }

    /**
     * @param movementId unique per movement: {@code <orderId>#<MOVE>} for order movements, {@code WAVE#<n>} for
     *                   releases; a second write of the same movement is refused
     */
    static TransactWriteItem entry(String table, String dropId, String sku, String movementId, String movement,
            String orderId, int quantity, int dReleased, int dAvailable, int dHeld, int dSold, String reason,
            Instant at) {
        return entry(table, dropId, sku, null, movementId, movement, orderId, quantity, dReleased, dAvailable, dHeld,
                dSold, reason, at);
    }

    /**
     * An entry for units of one hub ({@code hubId}; null for a SKU sold from one pool): the SKU's counters and the
     * hub's moved by the same deltas. Summing a hub's entries gives the hub's counters.
     */
    static TransactWriteItem entry(String table, String dropId, String sku, String hubId, String movementId,
            String movement, String orderId, int quantity, int dReleased, int dAvailable, int dHeld, int dSold,
            String reason, Instant at) {
        return entry(table, dropId, sku, hubId, null, movementId, movement, orderId, quantity, dReleased, dAvailable,
                dHeld, dSold, reason, at);
    }

    /**
     * An entry for units of one stock shard ({@code shard}; null for a SKU kept in one item): the shard's counters
     * moved by these deltas, written to the shard's own ledger partition ({@link TableKeys#ledgerPartition(String,
     * String, Integer)}). Summing a shard's entries gives the shard's counters, and all of a SKU's the SKU's.
     */
    static TransactWriteItem entry(String table, String dropId, String sku, String hubId, Integer shard,
            String movementId, String movement, String orderId, int quantity, int dReleased, int dAvailable,
            int dHeld, int dSold, String reason, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.ledgerEntry(dropId, sku, shard, movementId));
        item.put(DropItems.TYPE, s("LedgerEntry"));
        item.put("dropId", s(dropId));
        item.put("sku", s(sku));
        if (hubId != null) {
            item.put("hubId", s(hubId));
        }
        if (shard != null) {
            item.put("shard", n(shard));
        }
        item.put("movement", s(movement));
        if (orderId != null) {
            item.put("orderId", s(orderId));
        }
        item.put("quantity", n(quantity));
        item.put("dReleased", n(dReleased));
        item.put("dAvailable", n(dAvailable));
        item.put("dHeld", n(dHeld));
        item.put("dSold", n(dSold));
        item.put("reason", s(reason));
        item.put("at", time(at));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(Conditions.LEDGER_ENTRY_NEW).build()).build();
    }

    /** The ledger entry's name for the access layer whose own tranche a hold drew from. */
    static final String TRANCHE = "tranche";

    /** {@code entry} (a HOLD) marked as drawn from {@code layer}'s own tranche. */
    static TransactWriteItem fromTranche(TransactWriteItem entry, String layer) {
        Map<String, AttributeValue> item = new HashMap<>(entry.put().item());
        item.put(TRANCHE, s(layer));
        return TransactWriteItem.builder().put(entry.put().toBuilder().item(item).build()).build();
    }

    /**
     * A SKU's ledger entries whose movement id starts with {@code prefix}: one Query per partition the ledger has
     * ({@link TableKeys#ledgerPartitions}: the SKU's own and, for a sharded SKU, each shard's), every page.
     */
    static List<Map<String, AttributeValue>> entries(DynamoDbClient dynamoDb, String table, String dropId, String sku,
            int shards, String prefix) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        for (AttributeValue partition : TableKeys.ledgerPartitions(dropId, sku, shards)) {
            dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", partition, ":prefix", s(prefix))))
                    .items().forEach(entries::add);
        }
        return entries;
    }

    /** Every entry of a SKU's ledger, from each partition it has, every page. */
    static List<Map<String, AttributeValue>> entries(DynamoDbClient dynamoDb, String table, String dropId, String sku,
            int shards) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        for (AttributeValue partition : TableKeys.ledgerPartitions(dropId, sku, shards)) {
            dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", partition)))
                    .items().forEach(entries::add);
        }
        return entries;
    }

    /** An entry as the core reads it. */
    static LedgerEntry read(Map<String, AttributeValue> item) {
        return new LedgerEntry(Attributes.string(item, "sku"), Attributes.string(item, TableKeys.SK),
                Attributes.instant(item, "at"), Attributes.string(item, "movement"), Attributes.string(item, "orderId"),
                Attributes.string(item, "hubId"),
                item.containsKey(DropItems.SHARD) ? Attributes.integer(item, DropItems.SHARD) : null,
                Attributes.integer(item, "dReleased"), Attributes.integer(item, "dAvailable"),
                Attributes.integer(item, "dHeld"), Attributes.integer(item, "dSold"), Attributes.string(item, "reason"));
    }
}
