package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.bool;
import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.stock.EarlierAnswer;
import dev.microdrop.core.stock.HoldRefusal;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.PreorderResult;
import dev.microdrop.core.stock.ShardMove;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Holds stock with one {@code TransactWriteItems}: the idempotency record, the order, the buyer's running total,
 * one conditional update per line, one ledger entry per line and the OrderHeld event in the outbox. DynamoDB applies all of them or none, so a bundle never half-succeeds,
 * the limit cannot be passed by parallel orders, and a retried key never holds twice.
 *
 * <p>Each write is tried once; a collision with a concurrent transaction answers {@code Collided}, and the core
 * retries ({@code Contention}). When the transaction is refused, each item's cancellation reason (with the item's old values, asked for
 * with {@code ALL_OLD}) says which invariant stopped it; no extra read is needed to answer the buyer.
 */
public final class DynamoDbInventory implements Inventory {

    /** How long an idempotency key is remembered (the TTL sweep removes it afterwards). */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    private static final int IDEMPOTENCY = 0;
    private static final int ORDER = 1;
    private static final int BUYER = 2;
    private static final int FIRST_LINE = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbInventory(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public HoldResult hold(HoldRequest request) {
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes(request)));
            return new HoldResult.Held(request.order());
        } catch (TransactionCanceledException cancelled) {
            Optional<HoldResult> refusal = refusal(request, cancelled.cancellationReasons());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            if (!conflicted(cancelled.cancellationReasons())) {
                throw cancelled;
            }
            return new HoldResult.Collided();
        }
    }

    @Override
    public Optional<EarlierAnswer> earlierAnswer(String dropId, String idempotencyKey, String fingerprint) {
        Map<String, AttributeValue> record = dynamoDb.getItem(r -> r.tableName(table)
                .key(TableKeys.idempotencyKey(dropId, idempotencyKey)).consistentRead(true)).item();
        if (record == null || record.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(answerFor(record, fingerprint));
    }

    @Override
    public void attachPayment(Order order, PaymentIntent intent) {
        // Both writes are idempotent: the same intent may be attached any number of times (checkout replays).
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                TableKeys.PK, TableKeys.paymentIntent(intent.intentId()).get(TableKeys.PK),
                TableKeys.SK, TableKeys.paymentIntent(intent.intentId()).get(TableKeys.SK),
                DropItems.TYPE, s("PaymentIntent"),
                "orderId", s(order.orderId()),
                "provider", s(intent.provider()))));
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.order(order.orderId()))
                .updateExpression("SET intentId = :intent, paymentProvider = :provider")
                .conditionExpression(Conditions.INTENT_UNSET_OR_SAME)
                .expressionAttributeValues(Map.of(":intent", s(intent.intentId()), ":provider", s(intent.provider()))));
    }

    /**
     * A pre-order: the idempotency record, the order, the buyer's total (the limit counts pre-ordered units), the
     * drop's pre-order capacity ({@code PREORDER_CAP_AVAILABLE}) and the PreorderPlaced event; no stock, no ledger.
     */
    @Override
    public PreorderResult preorder(HoldRequest request) {
        Order order = request.order();
        List<TransactWriteItem> writes = orderWrites(request);
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.preorderCapacity(order.dropId()))
                .updateExpression(Conditions.PREORDER_TAKE_UPDATE)
                .conditionExpression(Conditions.PREORDER_CAP_AVAILABLE)
                .expressionAttributeValues(Map.of(":qty", n(order.units())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        writes.add(OutboxItems.put(table, request.event()));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return new PreorderResult.Placed(order);
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (failed(reasons, IDEMPOTENCY)) {
                return PreorderResult.of(answerFor(reasons.get(IDEMPOTENCY).item(), request.fingerprint()));
            }
            if (failed(reasons, ORDER)) {
                throw new IllegalStateException("order id collision: " + order.orderId());
            }
            if (failed(reasons, BUYER)) {
                Map<String, AttributeValue> old = reasons.get(BUYER).item();
                return new PreorderResult.OverLimit(old == null ? 0 : Attributes.integer(old, "units"));
            }
            if (failed(reasons, FIRST_LINE)) {
                // No capacity item: the drop was published without pre-orders; nothing is left to take.
                Map<String, AttributeValue> old = reasons.get(FIRST_LINE).item();
                return new PreorderResult.CapReached(old == null || old.isEmpty() ? 0
                        : Attributes.integer(old, "remaining"));
            }
            if (!conflicted(reasons)) {
                throw cancelled;
            }
            return new PreorderResult.Collided();
        }
    }

    /**
     * One transaction: each source shard gives its units ({@code :delta} negative, {@code :taken} its units), the
     * target takes their sum, all under {@link Conditions#SHARD_AVAILABLE_COVERS}, with one ledger entry per shard
     * ({@code <movementId>#<shard>}, movement {@code REBALANCE}). A source found short answers with its counters.
     */
    @Override
    public ShardMove.Result moveBetweenShards(ShardMove move) {
        List<Integer> shards = new ArrayList<>(move.from().keySet());
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int shard : shards) {
            writes.add(shardRelease(move.dropId(), move.sku(), shard, -move.from().get(shard)));
        }
        writes.add(shardRelease(move.dropId(), move.sku(), move.to(), move.units()));
        for (int shard : shards) {
            int delta = -move.from().get(shard);
            writes.add(LedgerItems.entry(table, move.dropId(), move.sku(), null, shard, move.movementId() + "#" + shard,
                    "REBALANCE", null, -delta, delta, delta, 0, 0, move.reason(), move.at()));
        }
        writes.add(LedgerItems.entry(table, move.dropId(), move.sku(), null, move.to(),
                move.movementId() + "#" + move.to(), "REBALANCE", null, move.units(), move.units(), move.units(), 0, 0,
                move.reason(), move.at()));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return new ShardMove.Moved();
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            List<StockLevel> shortShards = new ArrayList<>();
            for (int i = 0; i <= shards.size(); i++) {
                if (failed(reasons, i) && reasons.get(i).item() != null && !reasons.get(i).item().isEmpty()) {
                    shortShards.add(DropItems.stock(reasons.get(i).item()));
                } else if (failed(reasons, i)) {
                    throw new IllegalStateException("stock shard missing in " + move);
                }
            }
            if (!shortShards.isEmpty()) {
                return new ShardMove.Short(shortShards);
            }
            if (!conflicted(reasons)) {
                throw cancelled;
            }
            return new ShardMove.Collided();
        }
    }

    private TransactWriteItem shardRelease(String dropId, String sku, int shard, int delta) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.stockShard(dropId, sku, shard))
                .updateExpression(Conditions.SHARD_RELEASE_UPDATE)
                .conditionExpression(Conditions.SHARD_AVAILABLE_COVERS)
                .expressionAttributeValues(Map.of(":delta", n(delta), ":taken", n(Math.max(0, -delta))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    private List<TransactWriteItem> writes(HoldRequest request) {
        Order order = request.order();
        long now = request.now().toEpochMilli();
        List<TransactWriteItem> writes = orderWrites(request);

        for (OrderLine line : order.lines()) {
            // Early access sells from a layer's own tranche or the insiders', a flash window from the insiders';
            // everyone else from what is left.
            boolean flash = request.flashSkus().contains(line.sku());
            boolean layer = request.layer() != null;
            String update = layer ? Conditions.LAYER_HOLD_UPDATE
                    : request.insider() || flash ? Conditions.INSIDER_HOLD_UPDATE : Conditions.HOLD_STOCK_UPDATE;
            String condition = layer ? Conditions.LAYER_STOCK_AVAILABLE
                    : request.insider() ? Conditions.INSIDER_STOCK_AVAILABLE
                    : flash ? Conditions.FLASH_STOCK_AVAILABLE : Conditions.STOCK_AVAILABLE_AND_DROP_OPEN;
            Map<String, String> names = new HashMap<>();
            if (layer) {
                names.put("#layer", request.layer());
            }
            Update.Builder stock = Update.builder().tableName(table)
                    .key(TableKeys.stock(order.dropId(), line.sku(), line.shard()))
                    .expressionAttributeValues(Map.of(":qty", n(line.quantity()), ":now", n(now), ":false", bool(false)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            if (line.hubId() != null) {
                // The line draws from one hub's stock: that hub's counters move with the SKU's.
                update = update + ", " + Conditions.HUB_HOLD_UPDATE;
                condition = condition + " AND " + Conditions.HUB_STOCK_AVAILABLE;
                names.put("#hub", line.hubId());
            }
            if (!names.isEmpty()) {
                stock.expressionAttributeNames(names);
            }
            writes.add(TransactWriteItem.builder().update(stock.updateExpression(update)
                    .conditionExpression(condition).build()).build());
        }
        // After the lines, so cancellation reasons keep their indexes: the ledger and the outbox event.
        for (OrderLine line : order.lines()) {
            TransactWriteItem entry = LedgerItems.entry(table, order.dropId(), line.sku(), line.hubId(), line.shard(),
                    order.orderId() + "#HOLD", "HOLD", order.orderId(), line.quantity(), 0, -line.quantity(), line.quantity(), 0, "checkout",
                    request.now());
            // A hold from a layer's own tranche says so: reconcile counts the tranche's units against these.
            writes.add(request.layer() == null ? entry : LedgerItems.fromTranche(entry, request.layer()));
        }
        writes.add(OutboxItems.put(table, request.event()));
        if (order.fulfilment() instanceof Fulfilment.Pickup pickup && pickup.slotId() != null) {
            // Last, so its cancellation reason is easy to find: the pickup slot's seat, taken with the units.
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(TableKeys.slot(order.dropId(), pickup.hubId(), pickup.slotId()))
                    .updateExpression(Conditions.SLOT_TAKE_SEAT)
                    .conditionExpression(Conditions.SLOT_HAS_SEAT)
                    .expressionAttributeValues(Map.of(":one", n(1)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }
        return writes;
    }

    /** The first three items of a hold or a pre-order, at indexes IDEMPOTENCY, ORDER and BUYER. */
    private List<TransactWriteItem> orderWrites(HoldRequest request) {
        Order order = request.order();
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> record = new HashMap<>(TableKeys.idempotencyKey(order.dropId(), request.idempotencyKey()));
        record.put(DropItems.TYPE, s("IdempotencyKey"));
        record.put("fingerprint", s(request.fingerprint()));
        record.put("orderId", s(order.orderId()));
        record.put("createdAt", time(request.now()));
        record.put(DropTable.TTL_ATTRIBUTE, n(request.now().plus(KEY_RETENTION).getEpochSecond()));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(record)
                .conditionExpression(Conditions.IDEMPOTENCY_KEY_UNUSED)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());

        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(OrderItems.order(order, request.idempotencyKey()))
                .conditionExpression(Conditions.ORDER_ID_UNUSED)
                .build()).build());

        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.buyerInDrop(order.buyerId(), order.dropId()))
                .updateExpression(Conditions.BUYER_ADD_UNITS)
                .conditionExpression(Conditions.BUYER_WITHIN_LIMIT)
                .expressionAttributeValues(Map.of(
                        ":units", n(order.units()),
                        ":headroom", n(request.perBuyerLimit() - order.units()),
                        ":dropId", s(order.dropId())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());

        return writes;
    }

    private static java.time.Instant millis(Map<String, AttributeValue> item, String name) {
        return java.time.Instant.ofEpochMilli(Attributes.number(item, name));
    }

    /**
     * The refusal's facts, as the cancellation reasons report them (the items' old values), for the core to read
     * ({@link HoldRefusal}); an idempotency record that exists is answered from here, being this table's memory.
     */
    private Optional<HoldResult> refusal(HoldRequest request, List<CancellationReason> reasons) {
        if (failed(reasons, IDEMPOTENCY)) {
            return Optional.of(HoldResult.of(answerFor(reasons.get(IDEMPOTENCY).item(), request.fingerprint())));
        }
        if (failed(reasons, ORDER)) {
            throw new IllegalStateException("order id collision: " + request.order().orderId());
        }
        List<HoldRefusal.LineSeen> lines = new ArrayList<>();
        for (int i = FIRST_LINE; i < FIRST_LINE + request.order().lines().size(); i++) {
            if (failed(reasons, i)) {
                Map<String, AttributeValue> old = reasons.get(i).item();
                if (old == null || old.isEmpty()) {
                    throw new IllegalStateException("SKU item missing for line " + (i - FIRST_LINE));
                }
                lines.add(new HoldRefusal.LineSeen(DropItems.stock(old), millis(old, "opensAt"), millis(old, "closesAt"),
                        old.containsKey("insiderOpensAt") ? millis(old, "insiderOpensAt") : null,
                        DropItems.paused(old), DropItems.flashUntil(old), Attributes.integer(old, "insiderReserved"),
                        request.layer() == null ? 0 : DropItems.layerCounts(old, DropItems.LAYER_RESERVED)
                                .getOrDefault(request.layer(), 0)));
            }
        }
        boolean slotFull = request.order().fulfilment() instanceof Fulfilment.Pickup pickup && pickup.slotId() != null
                && failed(reasons, reasons.size() - 1);
        Optional<Integer> buyerShort = failed(reasons, BUYER) ? Optional.of(Optional.ofNullable(
                reasons.get(BUYER).item()).filter(old -> !old.isEmpty()).map(old -> Attributes.integer(old, "units"))
                .orElse(0)) : Optional.empty();
        return HoldRefusal.of(request, new HoldRefusal.Facts(lines, buyerShort, slotFull));
    }

    private EarlierAnswer answerFor(Map<String, AttributeValue> record, String fingerprint) {
        if (!fingerprint.equals(Attributes.string(record, "fingerprint"))) {
            return new EarlierAnswer.OtherRequest();
        }
        Map<String, AttributeValue> order = dynamoDb.getItem(r -> r.tableName(table)
                .key(TableKeys.order(Attributes.string(record, "orderId"))).consistentRead(true)).item();
        return new EarlierAnswer.SameRequest(OrderItems.order(order));
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()));
    }
}
