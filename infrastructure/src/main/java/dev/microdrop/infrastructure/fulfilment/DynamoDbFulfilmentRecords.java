package dev.microdrop.infrastructure.fulfilment;

import dev.microdrop.core.fulfilment.FulfilmentRecords;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.order.Address;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fulfilment tasks in the single table, one item per order:
 *
 * <pre>
 * pk = FULFIL#&lt;orderId&gt;   sk = TASK   type = PickTicket | PickupNotice
 * orderId, dropId, lines [{sku, quantity}], createdAt (ISO-8601)
 * PickTicket:   shipTo {name, line1, line2?, city, postalCode, country}
 * PickupNotice: hubId, slot? (absent until pickup slots exist)
 * </pre>
 *
 * The order id is the key, so "one task per order" is a property of the table rather than of the code that
 * writes it: see {@link #TASK_ABSENT}. The ship-to address is personal data; like the order's, it is an attribute
 * only, never part of a key, and nothing here logs it.
 */
public final class DynamoDbFulfilmentRecords implements FulfilmentRecords {

    /**
     * An order gets one fulfilment task: the put succeeds only where no task item exists for the order. A
     * redelivered event, or two deliveries racing, find the first task in place and leave it untouched; the
     * refusal ({@code ConditionalCheckFailed}) is the answer "already done", not an error.
     */
    public static final String TASK_ABSENT = "attribute_not_exists(pk)";

    static final String PK_PREFIX = "FULFIL#";
    static final String SK = "TASK";
    static final String PICK_TICKET = "PickTicket";
    static final String PICKUP_NOTICE = "PickupNotice";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbFulfilmentRecords(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String orderId) {
        return Map.of(TableKeys.PK, AttributeValue.fromS(PK_PREFIX + orderId), TableKeys.SK, AttributeValue.fromS(SK));
    }

    @Override
    public boolean recordOnce(FulfilmentTask task) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item(task)).conditionExpression(TASK_ABSENT));
            return true;
        } catch (ConditionalCheckFailedException alreadyThere) {
            return false;
        }
    }

    /** The order's task, read consistently; for operators and tests, not part of the port. */
    public Optional<FulfilmentTask> find(String orderId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(orderId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(task(item));
    }

    static Map<String, AttributeValue> item(FulfilmentTask task) {
        Map<String, AttributeValue> item = new HashMap<>(key(task.orderId()));
        item.put("orderId", s(task.orderId()));
        item.put("dropId", s(task.dropId()));
        item.put("lines", AttributeValue.fromL(task.lines().stream()
                .map(l -> AttributeValue.fromM(l.hubId() == null
                        ? Map.of("sku", s(l.sku()), "quantity", n(l.quantity()))
                        : Map.of("sku", s(l.sku()), "quantity", n(l.quantity()), "hubId", s(l.hubId()))))
                .toList()));
        item.put("createdAt", s(task.createdAt().toString()));
        switch (task) {
            case FulfilmentTask.PickTicket ticket -> {
                item.put("type", s(PICK_TICKET));
                item.put("shipTo", AttributeValue.fromM(address(ticket.shipTo())));
            }
            case FulfilmentTask.PickupNotice notice -> {
                item.put("type", s(PICKUP_NOTICE));
                item.put("hubId", s(notice.hubId()));
                if (notice.slot() != null) {
                    item.put("slot", s(notice.slot()));
                }
            }
        }
        return item;
    }

    static FulfilmentTask task(Map<String, AttributeValue> item) {
        String orderId = string(item, "orderId");
        String dropId = string(item, "dropId");
        List<FulfilmentTask.Line> lines = item.get("lines").l().stream()
                .map(l -> new FulfilmentTask.Line(string(l.m(), "sku"), Integer.parseInt(l.m().get("quantity").n()),
                        string(l.m(), "hubId")))
                .toList();
        Instant createdAt = Instant.parse(string(item, "createdAt"));
        String type = string(item, "type");
        return switch (type) {
            case PICK_TICKET -> new FulfilmentTask.PickTicket(orderId, dropId, lines, address(item.get("shipTo").m()),
                    createdAt);
            case PICKUP_NOTICE -> new FulfilmentTask.PickupNotice(orderId, dropId, lines, string(item, "hubId"),
                    string(item, "slot"), createdAt);
            default -> throw new IllegalStateException("unknown fulfilment task type " + type + " for " + orderId);
        };
    }

    private static Map<String, AttributeValue> address(Address a) {
        Map<String, AttributeValue> address = new HashMap<>();
        address.put("name", s(a.name()));
        address.put("line1", s(a.line1()));
        // DynamoDB refuses null strings; an absent attribute reads back as null.
        if (a.line2() != null) {
            address.put("line2", s(a.line2()));
        }
        address.put("city", s(a.city()));
        address.put("postalCode", s(a.postalCode()));
        address.put("country", s(a.country()));
        return address;
    }

    private static Address address(Map<String, AttributeValue> a) {
        return new Address(string(a, "name"), string(a, "line1"), string(a, "line2"), string(a, "city"),
                string(a, "postalCode"), string(a, "country"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
