package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderReader;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link DynamoDbOrderStore}'s read, under the name functions/checkout still uses: that module is being rewritten
 * as this is written, and moves to {@code DynamoDbOrderStore} with its rewrite; then this class goes. Nothing else
 * may use it.
 */
public final class DynamoDbOrders implements OrderReader {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbOrders(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<Order> find(String orderId) {
        return DynamoDbOrderStore.find(dynamoDb, table, orderId);
    }
}
