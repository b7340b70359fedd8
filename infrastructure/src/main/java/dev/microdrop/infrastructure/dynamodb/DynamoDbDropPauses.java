package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.bool;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.merchant.DropPauses;
import dev.microdrop.core.merchant.PauseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A merchant pauses or resumes a drop's sales. The flag is set on META (what the catalog and the checkout's cache
 * read) and on every stock item of the drop (what the hold's condition reads), found by one Query of the drop's
 * partition filtered on {@code type = Sku}: a SKU may have more than one stock item (per hub), and each gets it.
 * META, the stock items and the DropPaused/DropResumed event go in one transaction, so once the pause's write
 * returns no hold can commit; holds already made can still be paid or expire (their moves do not look at the flag).
 *
 * <p>Idempotent: pausing a paused drop (or resuming a running one) changes nothing and writes no event.
 */
public final class DynamoDbDropPauses implements DropPauses {

    /** DynamoDB's limit of actions in one TransactWriteItems. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int MAX_ATTEMPTS = 12;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDropPauses(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public PauseResult pause(String dropId, Instant now) {
        return set(dropId, true, now);
    }

    @Override
    public PauseResult resume(String dropId, Instant now) {
        return set(dropId, false, now);
    }

    private PauseResult set(String dropId, boolean paused, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<Map<String, AttributeValue>> stockItems = stockItems(dropId);
            List<TransactWriteItem> stock = stockItems.stream().map(item -> TransactWriteItem.builder()
                    .update(Update.builder().tableName(table)
                            .key(Map.of(TableKeys.PK, item.get(TableKeys.PK), TableKeys.SK, item.get(TableKeys.SK)))
                            .updateExpression(Conditions.PAUSE_STOCK_UPDATE)
                            .conditionExpression(Conditions.STOCK_ITEM_EXISTS)
                            .expressionAttributeValues(Map.of(":paused", bool(paused)))
                            .build()).build()).toList();
            List<TransactWriteItem> head = List.of(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(TableKeys.dropMeta(dropId))
                            .updateExpression(Conditions.PAUSE_META_UPDATE)
                            .conditionExpression(paused ? Conditions.DROP_NOT_PAUSED : Conditions.DROP_IS_PAUSED)
                            .expressionAttributeValues(Map.of(":paused", bool(paused), ":at", time(now),
                                    paused ? ":false" : ":true", bool(!paused)))
                            .build()).build(),
                    OutboxItems.put(table, DomainEvent.pausedOrResumed(dropId, paused, available(stockItems), now)));
            boolean metaInThisWrite = false;
            try {
                if (head.size() + stock.size() <= MAX_TRANSACTION_ITEMS) {
                    List<TransactWriteItem> all = new ArrayList<>(head);
                    all.addAll(stock);
                    metaInThisWrite = true;
                    transact(all);
                } else {
                    // More stock items than one transaction takes: the stock items first, then META with the event.
                    // An interrupted pause leaves META unpaused, so the merchant's retry does it all again.
                    for (int i = 0; i < stock.size(); i += MAX_TRANSACTION_ITEMS) {
                        transact(stock.subList(i, Math.min(stock.size(), i + MAX_TRANSACTION_ITEMS)));
                    }
                    metaInThisWrite = true;
                    transact(head);
                }
                return PauseResult.CHANGED;
            } catch (TransactionCanceledException refused) {
                List<CancellationReason> reasons = refused.cancellationReasons();
                // META is the first item of its transaction: its condition failing means "already in that state".
                if (metaInThisWrite && CONDITION_FAILED.equals(reasons.getFirst().code())) {
                    return PauseResult.ALREADY;
                }
                if (reasons.stream().anyMatch(r -> CONDITION_FAILED.equals(r.code()))) {
                    throw refused; // a stock item vanished or the event id was taken: not an outcome, a bug
                }
                // Checkouts holding the same stock items at this moment: back off and try again.
                Backoff.sleep(attempt);
            }
        }
        return PauseResult.BUSY;
    }

    private void transact(List<TransactWriteItem> writes) {
        dynamoDb.transactWriteItems(t -> t.transactItems(writes));
    }

    /**
     * Every item the hold's condition reads for the drop: each SKU item, and a sharded SKU's stock shards (on their
     * own partition keys), read consistently, so a pause reaches every item a checkout could hold from.
     */
    private List<Map<String, AttributeValue>> stockItems(String dropId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .filterExpression("#type = :sku")
                        .expressionAttributeNames(Map.of("#type", DropItems.TYPE))
                        .expressionAttributeValues(Map.of(":pk", TableKeys.dropPartition(dropId),
                                ":sku", AttributeValue.fromS("Sku"))))
                .items().forEach(items::add);
        List<Map<String, AttributeValue>> shards = new ArrayList<>();
        for (Map<String, AttributeValue> sku : items) {
            for (int shard = 0; shard < DropItems.shardCount(sku); shard++) {
                if (DropItems.shardCount(sku) == 1) {
                    break;
                }
                Map<String, AttributeValue> key = TableKeys.stockShard(dropId, Attributes.string(sku, "sku"), shard);
                shards.add(dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item());
            }
        }
        items.addAll(shards);
        return items;
    }

    /** Units available per SKU across its stock items, as read. */
    private static Map<String, Integer> available(List<Map<String, AttributeValue>> stockItems) {
        Map<String, Integer> available = new TreeMap<>();
        for (Map<String, AttributeValue> item : stockItems) {
            available.merge(Attributes.string(item, "sku"), Attributes.integer(item, "available"), Integer::sum);
        }
        return available;
    }
}
