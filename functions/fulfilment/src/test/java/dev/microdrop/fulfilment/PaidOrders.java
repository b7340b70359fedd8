package dev.microdrop.fulfilment;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders as the payment flow leaves them: held through the real checkout write ({@link DynamoDbInventory#hold}),
 * then moved to a status with a raw UpdateItem, since marking paid belongs to another function. The drop must
 * already be published in the table, open at {@code now}, selling {@link #SKU}.
 */
final class PaidOrders {

    static final String SKU = "NR-42";
    static final Address ADA = new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE");

    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String dropId;
    private final Instant now;
    private final OrderIds orderIds = new OrderIds();

    PaidOrders(DynamoDbClient dynamoDb, String table, String dropId, Instant now) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.dropId = dropId;
        this.now = now;
    }

    String paid(Fulfilment fulfilment) {
        return withStatus(fulfilment, OrderStatus.PAID);
    }

    String withStatus(Fulfilment fulfilment, OrderStatus status) {
        String orderId = orderIds.next(now);
        hold(orderId, fulfilment);
        setStatus(orderId, status);
        return orderId;
    }

    /** Holds one unit under the given order id, for tests whose event names a fixed id. */
    void hold(String orderId, Fulfilment fulfilment) {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        Order order = new Order(orderId, dropId, BUYERS.of(email), email,
                List.of(new OrderLine(SKU, 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"), fulfilment,
                OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
        HoldResult result = new DynamoDbInventory(dynamoDb, table)
                .hold(new HoldRequest(order, "key-" + orderId, "fingerprint-" + orderId, 10, now));
        if (!(result instanceof HoldResult.Held)) {
            throw new IllegalStateException("could not hold " + orderId + ": " + result);
        }
    }

    void setStatus(String orderId, OrderStatus status) {
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.order(orderId))
                .updateExpression("SET #status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status.name()))));
    }

    /** The SQS body the OrderPaid rule delivers: the EventBridge envelope around the event. */
    String envelope(String orderId) {
        return envelope(dropId, orderId, now);
    }

    static String envelope(String dropId, String orderId, Instant at) {
        return """
                {"version":"0","id":"%s","detail-type":"OrderPaid","source":"microdrop",\
                "account":"000000000000","time":"%s","region":"us-east-1","resources":[],\
                "detail":{"eventId":"evt_%s_OrderPaid","occurredAt":"%s","dropId":"%s","orderId":"%s",\
                "buyerId":"b_0123456789abcdef0123456789abcdef","lines":[{"sku":"%s","quantity":1}],\
                "amountMinorUnits":2500,"currency":"EUR","fulfilmentType":"ship","late":false}}"""
                .formatted(UUID.randomUUID(), at, orderId, at, dropId, orderId, SKU);
    }
}
