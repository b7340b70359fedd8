package dev.microdrop.bench;

import java.util.ArrayList;
import java.util.HashMap;
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
 * What DynamoDB Local does without our code, sent by the same client threads through the same client to the same
 * table: the yardsticks the checkout's figures are compared with. Counters start at the number of writes, so
 * every write's condition holds; a refusal (a transaction conflict) answers 409.
 */
final class Yardsticks {

    private static final Map<String, AttributeValue> VALUES = Map.of(":one", AttributeValue.fromN("1"),
            ":zero", AttributeValue.fromN("0"));
    private static final String DECREMENT = "SET n = n - :one";
    private static final String POSITIVE = "n > :zero";

    private Yardsticks() {
    }

    /** The cheapest stock-like write: one conditional {@code UpdateItem} on one item, {@code n = n - 1} if positive. */
    static Storm.Result update(BenchDynamoDb db, String table, int updates, int clients) throws InterruptedException {
        DynamoDbClient client = db.client();
        Map<String, AttributeValue> counter = counter(client, table, "update", updates);
        return Storm.run(updates, clients, db.requests(), (c, n) -> {
            try {
                client.updateItem(r -> r.tableName(table).key(counter).updateExpression(DECREMENT)
                        .conditionExpression(POSITIVE).expressionAttributeValues(VALUES));
                return 200;
            } catch (ConditionalCheckFailedException refused) {
                return 409;
            }
        });
    }

    /**
     * A transaction of a hold's shape: {@code lines} conditional decrements of hot counters and {@code 4 + lines}
     * conditional puts of new items (where a hold puts its idempotency record, order, buyer total, ledger entries
     * and event), {@code 4 + 2 × lines} items in one {@code TransactWriteItems}.
     */
    static Storm.Result transaction(BenchDynamoDb db, String table, int transactions, int lines, int clients)
            throws InterruptedException {
        DynamoDbClient client = db.client();
        List<Map<String, AttributeValue>> counters = new ArrayList<>();
        for (int line = 0; line < lines; line++) {
            counters.add(counter(client, table, "transaction-" + line, transactions));
        }
        return Storm.run(transactions, clients, db.requests(), (c, n) -> {
            List<TransactWriteItem> items = new ArrayList<>();
            for (Map<String, AttributeValue> counter : counters) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(counter)
                        .updateExpression(DECREMENT).conditionExpression(POSITIVE).expressionAttributeValues(VALUES)
                        .build()).build());
            }
            for (int put = 0; put < 4 + lines; put++) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(key("BENCH#put-" + n + "-" + put, "ITEM"))
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
            }
            try {
                client.transactWriteItems(r -> r.transactItems(items));
                return 200;
            } catch (TransactionCanceledException refused) {
                return 409;
            }
        });
    }

    private static Map<String, AttributeValue> counter(DynamoDbClient client, String table, String name, int start) {
        Map<String, AttributeValue> key = key("BENCH#" + name, "COUNTER");
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("n", AttributeValue.fromN(Integer.toString(start)));
        client.putItem(r -> r.tableName(table).item(item));
        return key;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
