package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
public final class DynamoDbStockAdjustments {

    /** What a flash restock did. */
    public enum FlashRestock {
        /** The units are released, for insiders only until the window ends. */
        RESTOCKED,
        /** The drop is not open (not yet, or no longer): nothing was written. */
        DROP_NOT_OPEN,
        /** A flash window of the SKU is still running: nothing was written. */
        WINDOW_RUNNING,
        /** Checkouts of the SKU kept colliding with the write: nothing was written, the merchant may retry. */
        BUSY
    }

    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbStockAdjustments(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return true if applied, false if fewer units are available than the adjustment takes away */
    public boolean adjust(String dropId, String sku, int delta, String reason, Instant now) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(TableKeys.sku(dropId, sku))
                        .updateExpression(Conditions.ADJUST_UPDATE)
                        .conditionExpression(Conditions.ADJUST_COVERED)
                        .expressionAttributeValues(Map.of(":delta", n(delta), ":taken", n(Math.max(0, -delta))))
                        .build()).build(),
                LedgerItems.entry(table, dropId, sku, "ADJUST#" + now.toEpochMilli() + "#" + Math.abs(reason.hashCode()),
                        "ADJUST", null, Math.abs(delta), delta, delta, 0, 0, reason, now));
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
    public FlashRestock flashRestock(String dropId, String sku, int units, Instant until, Instant now) {
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
                return FlashRestock.RESTOCKED;
            } catch (TransactionCanceledException refused) {
                var sku0 = refused.cancellationReasons().getFirst();
                if ("ConditionalCheckFailed".equals(sku0.code())) {
                    Map<String, AttributeValue> old = sku0.item();
                    if (old == null || old.isEmpty()) {
                        throw refused; // no such SKU item: the merchant API checked the SKU before, so a bug
                    }
                    return DropItems.openAt(old, now) ? FlashRestock.WINDOW_RUNNING : FlashRestock.DROP_NOT_OPEN;
                }
                if (refused.cancellationReasons().stream().noneMatch(r -> "TransactionConflict".equals(r.code()))) {
                    throw refused;
                }
                Backoff.sleep(attempt); // checkouts holding the SKU at this moment
            }
        }
        return FlashRestock.BUSY;
    }
}
