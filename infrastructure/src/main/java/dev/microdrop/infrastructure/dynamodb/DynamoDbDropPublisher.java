package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
            putIfAbsent(DropItems.sku(drop, sku, drop.wavePlan().releasedAfter(wavesDue, sku.totalUnits())));
        }
        putIfAbsent(DropItems.directoryEntry(drop));
        return created;
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
