package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Seeds a drop into the table: its META item, one item per SKU with the units of every wave already due, and
 * its directory entry. Every put is conditional on the item being absent, so publishing twice (or restarting
 * the local runtime) never resets held or sold counts.
 */
public final class DynamoDbDropPublisher {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDropPublisher(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return true if the drop was new, false if it was already there and left untouched */
    public boolean publish(Drop drop, Instant now) {
        int wavesDue = drop.wavePlan().lastWaveDueAt(now);
        boolean created = putIfAbsent(DropItems.meta(drop));
        for (Sku sku : drop.skus()) {
            seedSku(drop, sku, drop.wavePlan().releasedAfter(wavesDue, sku.totalUnits()), wavesDue, now);
        }
        putIfAbsent(DropItems.directoryEntry(drop));
        return created;
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

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression(Conditions.ITEM_ABSENT));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }
}
