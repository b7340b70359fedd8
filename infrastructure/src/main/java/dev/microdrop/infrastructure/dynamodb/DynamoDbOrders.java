package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderReader;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads orders by id, strongly consistent. */
public final class DynamoDbOrders implements OrderReader {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbOrders(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<Order> find(String orderId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(TableKeys.order(orderId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.order(item));
    }
}
