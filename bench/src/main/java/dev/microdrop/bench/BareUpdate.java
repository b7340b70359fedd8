package dev.microdrop.bench;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The yardstick: the cheapest stock-like write there is, one conditional {@code UpdateItem} on one item
 * ({@code SET n = n - 1} if {@code n > 0}), sent by the same client threads through the same client to the same
 * DynamoDB Local. The counter starts at the number of updates, so every one of them succeeds.
 */
final class BareUpdate {

    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("BENCH#bare"),
            "sk", AttributeValue.fromS("COUNTER"));
    private static final Map<String, AttributeValue> ONE = Map.of(":one", AttributeValue.fromN("1"),
            ":zero", AttributeValue.fromN("0"));

    private BareUpdate() {
    }

    static Storm.Result run(BenchDynamoDb db, String table, int updates, int clients) throws InterruptedException {
        DynamoDbClient client = db.client();
        client.putItem(r -> r.tableName(table).item(Map.of("pk", KEY.get("pk"), "sk", KEY.get("sk"),
                "n", AttributeValue.fromN(Integer.toString(updates)))));
        return Storm.run(updates, clients, db.requests(), (c, n) -> {
            try {
                client.updateItem(r -> r.tableName(table).key(KEY)
                        .updateExpression("SET n = n - :one")
                        .conditionExpression("n > :zero")
                        .expressionAttributeValues(ONE));
                return 200;
            } catch (ConditionalCheckFailedException refused) {
                return 409;
            }
        });
    }
}
