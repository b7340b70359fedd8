package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.fulfilment.Handovers;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A paid order's hand-over facts on its order item: each step one update conditional on the order's state
 * ({@link Conditions#ORDER_READY_ABLE}, {@link Conditions#ORDER_COLLECTABLE}, {@link Conditions#ORDER_SHIPPABLE}),
 * with the step's outbox event in the same transaction. A refused condition is a {@code false}: the core reads the
 * order again and says what it means.
 */
public final class DynamoDbHandovers implements Handovers {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbHandovers(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean markReady(String orderId, Instant readyAt, String pickupCode, DomainEvent event) {
        Map<String, AttributeValue> values = values(readyAt);
        values.put(":pickup", s("pickup"));
        values.put(":code", s(pickupCode));
        return write(update(orderId, Conditions.ORDER_READY_UPDATE, Conditions.ORDER_READY_ABLE, values, true), event);
    }

    @Override
    public boolean markCollected(String orderId, Instant collectedAt, DomainEvent event) {
        return write(update(orderId, Conditions.ORDER_COLLECTED_UPDATE, Conditions.ORDER_COLLECTABLE,
                values(collectedAt), false), event);
    }

    @Override
    public boolean markShipped(String orderId, Instant shippedAt, String carrier, String trackingNumber,
            DomainEvent event) {
        Map<String, AttributeValue> values = values(shippedAt);
        values.put(":ship", s("ship"));
        values.put(":carrier", s(carrier));
        values.put(":tracking", s(trackingNumber));
        return write(update(orderId, Conditions.ORDER_SHIPPED_UPDATE, Conditions.ORDER_SHIPPABLE, values, true), event);
    }

    private static Map<String, AttributeValue> values(Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":paid", s(OrderStatus.PAID.name()));
        values.put(":at", time(at));
        return values;
    }

    private Update update(String orderId, String update, String condition, Map<String, AttributeValue> values,
            boolean byType) {
        Map<String, String> names = byType ? Map.of("#status", "status", "#type", "type") : Map.of("#status", "status");
        return Update.builder().tableName(table).key(TableKeys.order(orderId)).updateExpression(update)
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .build();
    }

    private boolean write(Update update, DomainEvent event) {
        if (event == null) {
            try {
                dynamoDb.updateItem(r -> r.tableName(update.tableName()).key(update.key())
                        .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                        .expressionAttributeNames(update.expressionAttributeNames())
                        .expressionAttributeValues(update.expressionAttributeValues()));
                return true;
            } catch (ConditionalCheckFailedException refused) {
                return false;
            }
        }
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().update(update).build(),
                    OutboxItems.put(table, event)));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (CONDITION_FAILED.equals(cancelled.cancellationReasons().get(0).code())) {
                return false;
            }
            throw cancelled;
        }
    }
}
