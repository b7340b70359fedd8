package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;

import dev.microdrop.core.merchant.FlashRestockResult;
import dev.microdrop.core.merchant.StockAdjustments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A merchant's stock adjustment (units found, damaged, withdrawn): {@code released}, {@code available} and the
 * SKU's total move by the same units in one conditional write with its ledger entry. Units can only be taken
 * away while they are available; held and sold units are never touched.
 *
 * <p>An insiders' flash restock is an adjustment that adds units and makes them the insiders' tranche of the SKU
 * until its window ends: until then only insiders hold the SKU (the holds' conditions read {@code flashUntil}).
 */
public final class DynamoDbStockAdjustments implements StockAdjustments {

    private static final int MAX_ATTEMPTS = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbStockAdjustments(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return true if applied, false if fewer units are available than the adjustment takes away */
    public boolean adjust(String dropId, String sku, int delta, String reason, Instant now) {
        return adjust(dropId, sku, null, delta, reason, now);
    }

    /**
     * An adjustment of one hub's units of a SKU split by hub ({@code hubId}; null for a SKU sold from one pool):
     * the hub's counters and total move with the SKU's, and only units available at that hub can be taken away.
     *
     * @return true if applied, false if fewer units are available than the adjustment takes away
     */
    @Override
    public boolean adjust(String dropId, String sku, String hubId, int delta, String reason, Instant now) {
        if (hubId == null) {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                    .key(TableKeys.sku(dropId, sku)).consistentRead(true)).item();
            if (item != null && DropItems.shardCount(item) > 1) {
                return adjustShards(dropId, sku, DropItems.shardCount(item), delta, reason, now);
            }
        }
        Update.Builder update = Update.builder().tableName(table).key(TableKeys.sku(dropId, sku))
                .updateExpression(Conditions.ADJUST_UPDATE)
                .conditionExpression(Conditions.ADJUST_COVERED)
                .expressionAttributeValues(Map.of(":delta", n(delta), ":taken", n(Math.max(0, -delta))));
        String movementId = "ADJUST#" + now.toEpochMilli() + "#" + Math.abs(reason.hashCode());
        if (hubId != null) {
            update.updateExpression(Conditions.ADJUST_UPDATE + ", " + Conditions.HUB_ADJUST_UPDATE)
                    .conditionExpression(Conditions.ADJUST_COVERED + " AND " + Conditions.HUB_ADJUST_COVERED)
                    .expressionAttributeNames(Map.of("#hub", hubId));
            movementId = movementId + "#" + hubId;
        }
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(update.build()).build(),
                LedgerItems.entry(table, dropId, sku, hubId, movementId, "ADJUST", null, Math.abs(delta), delta, delta,
                        0, 0, reason, now));
        return applied(writes);
    }

    /**
     * A sharded SKU's adjustment: units added are spread over its shards, units taken away come from the shards
     * with the most available; the SKU item's {@code released} and total move by the sum, one ledger entry per
     * shard. A checkout may take a shard's units between the read and the write: read again, a few times.
     */
    private boolean adjustShards(String dropId, String sku, int shardCount, int delta, String reason, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ShardReleases> release = ShardReleases.of(delta,
                    ShardReleases.read(dynamoDb, table, dropId, sku, shardCount));
            if (release.isEmpty()) {
                return false;
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(TableKeys.sku(dropId, sku))
                    .updateExpression(Conditions.SHARDED_SKU_ADJUST_UPDATE)
                    .conditionExpression(Conditions.SKU_EXISTS)
                    .expressionAttributeValues(Map.of(":delta", n(delta))).build()).build());
            writes.addAll(release.get().updates(table, dropId, sku, Conditions.SHARD_RELEASE_UPDATE, i -> Map.of(),
                    false));
            writes.addAll(release.get().ledger(table, dropId, sku, "ADJUST#" + now.toEpochMilli() + "#"
                    + Math.abs(reason.hashCode()), "ADJUST", reason, now));
            if (applied(writes)) {
                return true;
            }
        }
        return false;
    }

    private boolean applied(List<TransactWriteItem> writes) {
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException refused) {
            if (refused.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw refused;
        }
    }

    /**
     * Adds {@code units} to the SKU ({@code dReleased = dAvailable = units} in the ledger, entry {@code FLASH#<millis>})
     * and opens its insiders' window until {@code until}, in one transaction.
     */
    @Override
    public FlashRestockResult flashRestock(String dropId, String sku, int units, Instant until, Instant now) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(TableKeys.sku(dropId, sku))
                        .updateExpression(Conditions.FLASH_RESTOCK_UPDATE)
                        .conditionExpression(Conditions.FLASH_RESTOCK_ALLOWED)
                        .expressionAttributeValues(Map.of(":units", n(units), ":until", n(until.toEpochMilli()),
                                ":now", n(now.toEpochMilli())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build()).build(),
                LedgerItems.entry(table, dropId, sku, "FLASH#" + now.toEpochMilli(), "FLASH_RESTOCK", null, units, units,
                        units, 0, 0, "insiders' flash restock until " + until, now));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(writes));
                return FlashRestockResult.RESTOCKED;
            } catch (TransactionCanceledException refused) {
                var sku0 = refused.cancellationReasons().getFirst();
                if ("ConditionalCheckFailed".equals(sku0.code())) {
                    Map<String, AttributeValue> old = sku0.item();
                    if (old == null || old.isEmpty()) {
                        throw refused; // no such SKU item: the merchant API checked the SKU before, so a bug
                    }
                    return FlashRestockResult.refused(Instant.ofEpochMilli(Attributes.number(old, "opensAt")),
                            Instant.ofEpochMilli(Attributes.number(old, "closesAt")), now);
                }
                if (refused.cancellationReasons().stream().noneMatch(r -> "TransactionConflict".equals(r.code()))) {
                    throw refused;
                }
                Backoff.sleep(attempt); // checkouts holding the SKU at this moment
            }
        }
        return FlashRestockResult.BUSY;
    }
}
