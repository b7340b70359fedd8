package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A merchant's stock adjustment (units found, damaged, withdrawn): {@code released}, {@code available} and the
 * SKU's total move by the same units in one conditional write with its ledger entry. Units can only be taken
 * away while they are available; held and sold units are never touched.
 */
public final class DynamoDbStockAdjustments {

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
    public boolean adjust(String dropId, String sku, String hubId, int delta, String reason, Instant now) {
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
}
