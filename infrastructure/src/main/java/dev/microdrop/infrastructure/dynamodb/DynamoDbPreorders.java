package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.preorder.PreorderBook;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A drop's pre-orders, found as the merchant views find orders today: one consistent, filtered scan of the table
 * (a merchant's run decision is rare, and a drop has a few thousand orders). A GSI on {@code dropId} replaces the
 * scan when there is one.
 */
public final class DynamoDbPreorders implements PreorderBook {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbPreorders(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public List<Booked> preorders(String dropId) {
        return dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)
                        .filterExpression("#type = :order AND dropId = :drop AND kind = :preorder")
                        .expressionAttributeNames(Map.of("#type", DropItems.TYPE))
                        .expressionAttributeValues(Map.of(":order", AttributeValue.fromS("Order"),
                                ":drop", AttributeValue.fromS(dropId),
                                ":preorder", AttributeValue.fromS(OrderKind.PREORDER.name()))))
                .items().stream()
                .map(item -> new Booked(OrderItems.order(item), Attributes.string(item, "intentId")))
                .toList();
    }
}
