package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.lifecycle.StockMove;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.lifecycle.TransitionResult;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The orders in the table, the one adapter of {@link OrderStore} (and so of {@code OrderReader}): reads an order
 * by id, strongly consistent; applies order transitions in one {@code TransactWriteItems}: the provider event's
 * record, the order's status (guarded by the status it must have), one counter move and one ledger entry per
 * line, the buyer's running total, and the outbox events. A redelivered event, a lost race or a move without
 * stock changes nothing.
 */
public final class DynamoDbOrderStore implements OrderStore {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbOrderStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Order> find(String orderId) {
        return find(dynamoDb, table, orderId);
    }

    /** For the adapters that read an order on their way (the waitlist's claims). */
    static Optional<Order> find(DynamoDbClient dynamoDb, String table, String orderId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(TableKeys.order(orderId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.order(item));
    }

    @Override
    public Optional<String> orderIdForIntent(String intentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                .key(TableKeys.paymentIntent(intentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("orderId").s());
    }

    @Override
    public void recordIntent(PaymentIntent intent, String orderId) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.paymentIntent(intent.intentId()));
        item.put(DropItems.TYPE, s("PaymentIntent"));
        item.put("orderId", s(orderId));
        item.put("provider", s(intent.provider()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public TransitionResult apply(Transition transition) {
        Plan plan = plan(transition);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(plan.writes));
                return new TransitionResult.Applied();
            } catch (TransactionCanceledException cancelled) {
                Optional<TransitionResult> refusal = refusal(transition, plan, cancelled.cancellationReasons());
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                if (attempt >= MAX_ATTEMPTS || cancelled.cancellationReasons().stream()
                        .noneMatch(r -> CONFLICT.equals(r.code()))) {
                    throw cancelled;
                }
                Backoff.sleep(attempt);
            }
        }
    }

    @Override
    public boolean recordEvent(String providerEventId, String orderId, String note) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(providerEventItem(providerEventId, orderId, note))
                    .conditionExpression(Conditions.PROVIDER_EVENT_UNAPPLIED));
            return true;
        } catch (ConditionalCheckFailedException applied) {
            return false;
        }
    }

    @Override
    public boolean recordEvent(String providerEventId, String orderId, String note, DomainEvent event) {
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(providerEventItem(providerEventId, orderId, note))
                            .conditionExpression(Conditions.PROVIDER_EVENT_UNAPPLIED).build()).build(),
                    OutboxItems.put(table, event)));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (CONDITION_FAILED.equals(cancelled.cancellationReasons().get(0).code())) {
                return false;
            }
            throw cancelled;
        }
    }

    @Override
    public TransitionResult recordDispute(String orderId, String providerEventId, String disputeState) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(providerEventItem(providerEventId, orderId, "dispute " + disputeState))
                        .conditionExpression(Conditions.PROVIDER_EVENT_UNAPPLIED).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(TableKeys.order(orderId))
                        .updateExpression("SET dispute = :state")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":state", s(disputeState))).build()).build());
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return new TransitionResult.Applied();
        } catch (TransactionCanceledException cancelled) {
            if (CONDITION_FAILED.equals(cancelled.cancellationReasons().get(0).code())) {
                return new TransitionResult.EventAlreadyApplied();
            }
            throw cancelled;
        }
    }

    private Plan plan(Transition t) {
        Order order = t.order();
        List<TransactWriteItem> writes = new ArrayList<>();
        int eventIndex = -1;
        if (t.providerEventId() != null) {
            eventIndex = writes.size();
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(providerEventItem(t.providerEventId(), order.orderId(), t.reason()))
                    .conditionExpression(Conditions.PROVIDER_EVENT_UNAPPLIED).build()).build());
        }

        int orderIndex = writes.size();
        Map<String, AttributeValue> values = new HashMap<>();
        List<OrderStatus> from = List.copyOf(t.from());
        for (int i = 0; i < from.size(); i++) {
            values.put(":s" + i, s(from.get(i).name()));
        }
        values.put(":to", s(t.to().name()));
        values.put(":at", time(t.at()));
        StringBuilder update = new StringBuilder("SET #status = :to, updatedAt = :at");
        int attribute = 0;
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        for (Map.Entry<String, String> extra : t.attributes().entrySet()) {
            names.put("#a" + attribute, extra.getKey());
            values.put(":a" + attribute, s(extra.getValue()));
            update.append(", #a").append(attribute).append(" = :a").append(attribute);
            attribute++;
        }
        if (t.move() == StockMove.LATE_SALE) {
            // The one move that takes units anew: its lines may draw from other stock shards than the hold's did.
            values.put(":lines", OrderItems.lines(order.lines()));
            update.append(", #lines = :lines");
            names.put("#lines", "lines");
        }
        String condition = Conditions.orderStatusIn(from.size());
        if (t.notBefore() != null) {
            condition = condition + " AND " + Conditions.HOLD_HAS_EXPIRED;
            values.put(":notBefore", n(t.notBefore().toEpochMilli()));
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.order(order.orderId()))
                .updateExpression(update.toString())
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());

        int firstStock = writes.size();
        StockMove move = t.move();
        if (move != null) {
            for (OrderLine line : order.lines()) {
                Map<String, String> stockNames = new HashMap<>(Map.of("#from", move.from().attribute(),
                        "#to", move.to().attribute()));
                String stockUpdate = Conditions.MOVE_UPDATE;
                String stockCondition = Conditions.MOVE_SOURCE_COVERS;
                if (line.hubId() != null) {
                    // The units go back to (or leave) the hub they were drawn from.
                    stockNames.put("#hub", line.hubId());
                    stockUpdate = stockUpdate + ", " + Conditions.HUB_MOVE_UPDATE;
                    stockCondition = stockCondition + " AND " + Conditions.HUB_MOVE_SOURCE_COVERS;
                }
                writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(TableKeys.stock(order.dropId(), line.sku(), line.shard()))
                        .updateExpression(stockUpdate)
                        .conditionExpression(stockCondition)
                        .expressionAttributeNames(stockNames)
                        .expressionAttributeValues(Map.of(":qty", n(line.quantity())))
                        .build()).build());
            }
            for (OrderLine line : order.lines()) {
                writes.add(ledger(order, line, move, t.reason(), t.at()));
            }
        }
        int stockLines = move == null ? 0 : order.lines().size();
        int lastStock = firstStock + stockLines;
        // A pre-order books no slot seat (it is fulfilled after the run, outside the drop's slots).
        if (!order.preorder() && order.fulfilment() instanceof Fulfilment.Pickup pickup && pickup.slotId() != null) {
            boolean seatHeld = t.from().stream().noneMatch(s -> s == OrderStatus.EXPIRED || s == OrderStatus.CANCELLED);
            boolean leaves = t.to() == OrderStatus.EXPIRED || t.to() == OrderStatus.CANCELLED
                    || t.to() == OrderStatus.REFUNDED;
            if (seatHeld && leaves) {
                writes.add(seat(order, pickup, Conditions.SLOT_FREE_SEAT, Conditions.SLOT_SEAT_TAKEN));
            } else if (!seatHeld && t.to() == OrderStatus.PAID) {
                // A late payment needs its seat back too; a full slot counts as "nothing left" (refunded).
                writes.add(lastStock, seat(order, pickup, Conditions.SLOT_TAKE_SEAT, Conditions.SLOT_HAS_SEAT));
                lastStock++;
            }
        }

        if (t.buyerUnitsDelta() != 0) {
            Update.Builder buyer = Update.builder().tableName(table)
                    .key(TableKeys.buyerInDrop(order.buyerId(), order.dropId()))
                    .updateExpression("ADD units :delta")
                    .expressionAttributeValues(t.buyerUnitsDelta() < 0
                            ? Map.of(":delta", n(t.buyerUnitsDelta()), ":release", n(-t.buyerUnitsDelta()))
                            : Map.of(":delta", n(t.buyerUnitsDelta())));
            if (t.buyerUnitsDelta() < 0) {
                buyer.conditionExpression(Conditions.BUYER_HOLDS_UNITS);
            }
            writes.add(TransactWriteItem.builder().update(buyer.build()).build());
        }
        if (t.capacityBack() > 0) {
            // A pre-order leaving gives its units back to the drop's pre-order capacity, once, with its status.
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(TableKeys.preorderCapacity(order.dropId()))
                    .updateExpression(Conditions.PREORDER_GIVE_BACK_UPDATE)
                    .conditionExpression(Conditions.PREORDER_UNITS_TAKEN)
                    .expressionAttributeValues(Map.of(":qty", n(t.capacityBack())))
                    .build()).build());
        }
        for (DomainEvent event : t.events()) {
            writes.add(OutboxItems.put(table, event));
        }
        return new Plan(writes, eventIndex, orderIndex, firstStock, stockLines, lastStock);
    }

    private TransactWriteItem seat(Order order, Fulfilment.Pickup pickup, String update, String condition) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.slot(order.dropId(), pickup.hubId(), pickup.slotId()))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeValues(Map.of(":one", n(1)))
                .build()).build();
    }

    private TransactWriteItem ledger(Order order, OrderLine line, StockMove move, String reason, Instant at) {
        int q = line.quantity();
        int dAvailable = delta(move, StockMove.Counter.AVAILABLE, q);
        int dHeld = delta(move, StockMove.Counter.HELD, q);
        int dSold = delta(move, StockMove.Counter.SOLD, q);
        return LedgerItems.entry(table, order.dropId(), line.sku(), line.hubId(), line.shard(),
                order.orderId() + "#" + move.name(), move.name(), order.orderId(), q, 0, dAvailable, dHeld, dSold, reason, at);
    }

    private static int delta(StockMove move, StockMove.Counter counter, int quantity) {
        if (move.from() == counter) {
            return -quantity;
        }
        return move.to() == counter ? quantity : 0;
    }

    private Optional<TransitionResult> refusal(Transition t, Plan plan, List<CancellationReason> reasons) {
        if (plan.eventIndex >= 0 && failed(reasons, plan.eventIndex)) {
            return Optional.of(new TransitionResult.EventAlreadyApplied());
        }
        if (failed(reasons, plan.orderIndex)) {
            Map<String, AttributeValue> old = reasons.get(plan.orderIndex).item();
            if (old == null || old.isEmpty()) {
                throw new IllegalStateException("order " + t.order().orderId() + " vanished");
            }
            OrderStatus current = OrderStatus.valueOf(old.get("status").s());
            return Optional.of(t.from().contains(current)
                    ? new TransitionResult.NotDue()
                    : new TransitionResult.StatusChanged(current));
        }
        List<Integer> shortLines = new ArrayList<>();
        boolean shortOfStock = false;
        for (int i = plan.firstStock; i < plan.lastStock; i++) {
            if (failed(reasons, i)) {
                shortOfStock = true;
                if (i < plan.firstStock + plan.stockLines) {
                    shortLines.add(i - plan.firstStock);
                }
            }
        }
        if (shortOfStock) {
            return Optional.of(new TransitionResult.NotEnoughStock(shortLines));
        }
        for (int i = 0; i < reasons.size(); i++) {
            if (failed(reasons, i)) {
                // A ledger entry, the buyer's total or an outbox event refused: the order's status guard should
                // have made that impossible, so this is a broken invariant, not an outcome.
                throw new IllegalStateException("transition of order " + t.order().orderId() + " to " + t.to()
                        + " refused by write " + i + ": the ledger or outbox already holds it");
            }
        }
        return Optional.empty();
    }

    private Map<String, AttributeValue> providerEventItem(String eventId, String orderId, String note) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.providerEvent(eventId));
        item.put(DropItems.TYPE, s("ProviderEvent"));
        item.put("eventId", s(eventId));
        if (orderId != null) {
            item.put("orderId", s(orderId));
        }
        item.put("note", s(note));
        item.put("appliedAt", time(clock.instant()));
        return item;
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    /** Lines' stock updates at {@code firstStock} .. + {@code stockLines}; with a slot's seat, up to {@code lastStock}. */
    private record Plan(List<TransactWriteItem> writes, int eventIndex, int orderIndex, int firstStock, int stockLines,
            int lastStock) {
    }
}
