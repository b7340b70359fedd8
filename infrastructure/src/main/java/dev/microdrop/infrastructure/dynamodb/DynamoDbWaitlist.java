package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Waitlists in the table: {@code WAITLIST#<dropId>#<sku>} holds a SKU's line, sorted by the moment each buyer
 * joined; {@code WAITLISTED#...} makes a buyer wait once per SKU; {@code CLAIM#<dropId>#<buyerId>} points at the
 * order a claim holds for them. Entries are personal data (e-mail, address): stored, never logged.
 */
public final class DynamoDbWaitlist implements Waitlist {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbWaitlist(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean join(WaitlistEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(entryKey(entry));
        item.put(DropItems.TYPE, s("WaitlistEntry"));
        item.put("status", s("WAITING"));
        item.put("dropId", s(entry.dropId()));
        item.put("sku", s(entry.sku()));
        item.put("buyerId", s(entry.buyerId().value()));
        item.put("buyerEmail", s(entry.buyerEmail()));
        item.put("quantity", n(entry.quantity()));
        item.put("fulfilment", AttributeValue.fromM(OrderItems.fulfilment(entry.fulfilment())));
        item.put("joinedAt", time(entry.joinedAt()));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                                TableKeys.PK, s("WAITLISTED#" + entry.dropId() + "#" + entry.sku() + "#" + entry.buyerId().value()),
                                TableKeys.SK, s("MARK"), DropItems.TYPE, s("WaitlistMark")))
                        .conditionExpression(Conditions.ITEM_ABSENT).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression(Conditions.ITEM_ABSENT).build()).build());
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException alreadyWaiting) {
            if (alreadyWaiting.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw alreadyWaiting;
        }
    }

    @Override
    public List<WaitlistEntry> waiting(String dropId, String sku, int limit) {
        List<WaitlistEntry> waiting = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", TableKeys.waitlistPartition(dropId, sku)))).items()) {
            if ("WAITING".equals(Attributes.string(item, "status"))) {
                waiting.add(entry(item));
                if (waiting.size() >= limit) {
                    break;
                }
            }
        }
        return waiting;
    }

    @Override
    public boolean offered(WaitlistEntry entry, Order order, DomainEvent.WaitlistClaimOffered event) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(entryKey(entry))
                        .updateExpression("SET #status = :offered, orderId = :order")
                        .conditionExpression(Conditions.WAITLIST_ENTRY_WAITING)
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":waiting", s("WAITING"), ":offered", s("OFFERED"),
                                ":order", s(order.orderId())))
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                        TableKeys.PK, s("CLAIM#" + entry.dropId() + "#" + entry.buyerId().value()),
                        TableKeys.SK, s("CLAIM"), DropItems.TYPE, s("WaitlistClaim"),
                        "orderId", s(order.orderId()), "sku", s(entry.sku()))).build()).build(),
                OutboxItems.put(table, event));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException notWaiting) {
            return false;
        }
    }

    /** The outbox item alone, conditional on its id being new: the same event again writes nothing. */
    @Override
    public void backInStock(DomainEvent.BackInStock event) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(OutboxItems.item(event))
                    .conditionExpression(Conditions.OUTBOX_EVENT_NEW));
        } catch (ConditionalCheckFailedException writtenBefore) {
            // A redelivered units-back event that found the same counters: the event is out already.
        }
    }

    @Override
    public void skip(WaitlistEntry entry, String why) {
        dynamoDb.updateItem(r -> r.tableName(table).key(entryKey(entry))
                .updateExpression("SET #status = :skipped, skipReason = :why")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":skipped", s("SKIPPED"), ":why", s(why))));
    }

    @Override
    public Optional<Order> claim(String dropId, String buyerId) {
        Map<String, AttributeValue> claim = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TableKeys.PK, s("CLAIM#" + dropId + "#" + buyerId), TableKeys.SK, s("CLAIM")))).item();
        return claim == null || claim.isEmpty() ? Optional.empty() : DynamoDbOrderStore.find(dynamoDb, table, claim.get("orderId").s());
    }

    private static Map<String, AttributeValue> entryKey(WaitlistEntry entry) {
        return Map.of(TableKeys.PK, TableKeys.waitlistPartition(entry.dropId(), entry.sku()),
                TableKeys.SK, s(String.format("%013d#%s", entry.joinedAt().toEpochMilli(), entry.buyerId().value())));
    }

    static WaitlistEntry entry(Map<String, AttributeValue> item) {
        return new WaitlistEntry(Attributes.string(item, "dropId"), Attributes.string(item, "sku"),
                new BuyerId(Attributes.string(item, "buyerId")), Attributes.string(item, "buyerEmail"),
                Attributes.integer(item, "quantity"), OrderItems.fulfilment(item.get("fulfilment").m()),
                Attributes.instant(item, "joinedAt"));
    }
}
