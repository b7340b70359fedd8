package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.stock.Access;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.HoldAsk;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.PlannedHold;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.waves.WaveResult;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sharded SKU on DynamoDB Local: its counters live in N stock shards on N partition keys. Every write moves one
 * shard's counters (a hold, a transition of the line's shard, a move between shards) or spreads units over them
 * (a wave, a republish, an adjustment), each shard balances, the shards add up to the SKU, and the ledger (one
 * entry per shard per movement) reconciles with every shard and with the SKU.
 */
class ShardedStockIntegrationTest {

    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));
    private static final Fulfilment SHIP = new Fulfilment.Ship(new Address("Ada", "Street 1", null, "Berlin", "10115",
            "DE"));

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(start);
    private final OrderIds ids = new OrderIds();
    private Drop drop;
    private String table;
    private DynamoDbInventory inventory;

    /** SKU "H": {@code units} in {@code shards} shards, released on {@code plan}. */
    private void seed(int units, int shards, WavePlan plan) {
        drop = new Drop(TestDrops.DROP, "Sharded drop", Currency.getInstance("EUR"), start,
                start.plus(Duration.ofDays(1)), 10, Duration.ofMinutes(10), true,
                List.of(new PickupHub("hub", "Hub")),
                List.of(new Sku("H", "product-h", "Product H", "One size", Money.of(2_500, "EUR"), units, Map.of(),
                        List.of(), shards)), plan);
        table = TestDrops.seeded(drop, start);
        inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
    }

    private WavePlan allAtOnce() {
        return new WavePlan(List.of(new Wave(1, start, WavePlan.WHOLE)));
    }

    @Test
    void publishingAndEachWave_spreadUnitsOverTheShards_exactly_andOnce() {
        seed(10, 4, WavePlan.standard(start));
        assertThat(shards()).extracting(StockLevel::released).containsExactly(1, 1, 1, 1); // 40% of 10
        assertThat(skuItem().get("released").n()).isEqualTo("4");
        assertThat(skuItem()).doesNotContainKeys("available", "held", "sold");

        WaveService waves = new WaveService(new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table), clock);
        clock.advance(Duration.ofMinutes(30));
        assertThat(waves.fire(TestDrops.DROP, 2)).isEqualTo(new WaveResult.Released(2, Map.of("H", 4)));
        assertThat(waves.fire(TestDrops.DROP, 2)).isEqualTo(new WaveResult.AlreadyReleased(2));
        clock.advance(Duration.ofHours(2));
        assertThat(waves.fire(TestDrops.DROP, 3)).isEqualTo(new WaveResult.Released(3, Map.of("H", 2)));

        assertThat(shards()).extracting(StockLevel::released).containsExactly(3, 3, 2, 2);
        assertThat(stock()).extracting(StockLevel::released, StockLevel::available).containsExactly(10, 10);
        assertThat(ledgerIds()).contains("WAVE#1#0", "WAVE#1#3", "WAVE#2#0", "WAVE#3#0", "WAVE#3#1")
                .doesNotContain("WAVE#3#2", "WAVE#3#3");
        assertThat(new DynamoDbMerchantViews(LocalDynamoDb.client(), table).releasedByWave(TestDrops.DROP, drop.skus()))
                .isEqualTo(Map.of(1, 4, 2, 4, 3, 2));
        assertClean();
    }

    @Test
    void aHoldTakesItsShardsUnitsOnly_andARefusalReturnsThatShardsCounters() {
        seed(4, 2, allAtOnce()); // 2 + 2

        Order held = held(hold("one@example.com", 0, 2));
        HoldResult refused = hold("two@example.com", 0, 1);

        assertThat(held.lines().getFirst().shard()).isZero();
        assertThat(refused).isInstanceOfSatisfying(HoldResult.OutOfStock.class, out ->
                assertThat(out.levels()).containsExactly(StockLevel.ofShard("H", 0, 2, 0, 2, 0)));
        assertThat(stock()).isEqualTo(StockLevel.ofShards("H", List.of(StockLevel.ofShard("H", 0, 2, 0, 2, 0),
                StockLevel.ofShard("H", 1, 2, 2, 0, 0))));
        assertThat(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(held.orderId()).orElseThrow().lines()
                .getFirst().shard()).isZero();
        assertClean();
    }

    @Test
    void twoShardsWithOneUnitEach_fillAQuantityTwoLine_byMovingAUnitBetweenThem() {
        seed(2, 2, allAtOnce()); // 1 + 1
        DropSnapshot snapshot = new DynamoDbDropReader(LocalDynamoDb.client(), table, clock).read(TestDrops.DROP)
                .orElseThrow();
        Order order = order("both@example.com", new OrderLine("H", 2, drop.sku("H").orElseThrow().price()));

        PlannedHold result = new HoldPlanner(inventory, Contention.standard()).hold(new HoldAsk(order,
                "key-" + order.orderId(), "fp", clock.instant(), Access.everyone()), snapshot,
                HoldPlanner.StockMemory.NONE);

        assertThat(result).isInstanceOf(PlannedHold.Held.class);
        Order held = ((PlannedHold.Held) result).order();
        int shard = held.lines().getFirst().shard();
        assertThat(shards().get(shard)).isEqualTo(StockLevel.ofShard("H", shard, 2, 0, 2, 0));
        assertThat(shards().get(1 - shard)).isEqualTo(StockLevel.ofShard("H", 1 - shard, 0, 0, 0, 0));
        assertThat(ledger()).filteredOn(e -> "REBALANCE".equals(e.get("movement").s()))
                .extracting(e -> e.get("shard").n() + ":" + e.get("dReleased").n() + ":" + e.get("dAvailable").n())
                .containsExactlyInAnyOrder((1 - shard) + ":-1:-1", shard + ":1:1");
        assertClean();
    }

    @Test
    void aMoveBetweenShards_isRefusedWholeWhenASourceIsShort_andChangesNothing() {
        seed(2, 2, allAtOnce());
        held(hold("one@example.com", 1, 1));
        var before = LocalDynamoDb.scan(table);

        var result = inventory.moveBetweenShards(new dev.microdrop.core.stock.ShardMove(TestDrops.DROP, "H", 0,
                Map.of(1, 1), "REBALANCE#test#1", "test", clock.instant()));

        assertThat(result).isEqualTo(new dev.microdrop.core.stock.ShardMove.Short(
                List.of(StockLevel.ofShard("H", 1, 1, 0, 1, 0))));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void everyTransition_movesTheUnitsOfItsLinesShard() {
        seed(12, 3, allAtOnce()); // 4 + 4 + 4
        RecordingPayments payments = new RecordingPayments();
        OrderLifecycle lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);
        Order paid = held(hold("paid@example.com", 0, 3));
        Order expired = held(hold("expired@example.com", 1, 2));
        Order refunded = held(hold("refunded@example.com", 2, 1));
        for (Order order : List.of(paid, expired, refunded)) {
            inventory.attachPayment(order, payments.createIntent(order));
        }

        lifecycle.apply(OrderLifecycleIntegrationTest.event(paid, PaymentEventType.SUCCEEDED, "evt_paid"));
        lifecycle.apply(OrderLifecycleIntegrationTest.event(refunded, PaymentEventType.SUCCEEDED, "evt_paid_r"));
        lifecycle.apply(OrderLifecycleIntegrationTest.event(refunded, PaymentEventType.REFUNDED, "evt_refund"));
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(expired.orderId());

        assertThat(shards()).containsExactly(StockLevel.ofShard("H", 0, 4, 1, 0, 3),
                StockLevel.ofShard("H", 1, 4, 4, 0, 0), StockLevel.ofShard("H", 2, 4, 4, 0, 0));
        assertThat(ledger()).filteredOn(e -> e.containsKey("orderId"))
                .allSatisfy(e -> assertThat(e).containsKey("shard"));
        assertClean();
    }

    @Test
    void eachShardsMovements_areLedgeredInThatShardsOwnPartition_soTheLedgerSpreadsLikeTheCounters() {
        seed(12, 3, allAtOnce()); // 4 + 4 + 4
        for (int shard = 0; shard < 3; shard++) {
            held(hold("buyer" + shard + "@example.com", shard, shard + 1));
        }

        for (int shard = 0; shard < 3; shard++) {
            List<Map<String, AttributeValue>> entries = partition("LEDGER#" + TestDrops.DROP + "#H#" + shard);
            int of = shard;
            assertThat(entries).extracting(e -> e.get("movement").s())
                    .containsExactlyInAnyOrder("RELEASE_WAVE", "HOLD");
            assertThat(entries).allSatisfy(e -> assertThat(e.get("shard").n()).isEqualTo(String.valueOf(of)));
            assertThat(entries).filteredOn(e -> "HOLD".equals(e.get("movement").s()))
                    .extracting(e -> e.get("quantity").n()).containsExactly(String.valueOf(shard + 1));
        }
        assertThat(partition("LEDGER#" + TestDrops.DROP + "#H")).isEmpty();
        assertThat(new DynamoDbMerchantViews(LocalDynamoDb.client(), table).releasedByWave(TestDrops.DROP,
                drop.skus())).isEqualTo(Map.of(1, 12));
        assertClean();
    }

    @Test
    void entriesWrittenBeforeTheLedgerWasSharded_inTheSkusPartition_areStillRead() {
        seed(4, 2, allAtOnce()); // 2 + 2
        // A wave entry as written before: shard 1's, but in the SKU's one partition.
        Map<String, AttributeValue> legacy = new java.util.HashMap<>(partition("LEDGER#" + TestDrops.DROP + "#H#1")
                .getFirst());
        legacy.put(TableKeys.PK, AttributeValue.fromS("LEDGER#" + TestDrops.DROP + "#H"));
        legacy.put(TableKeys.SK, AttributeValue.fromS("WAVE#2#1"));
        legacy.put("dReleased", AttributeValue.fromN("3"));
        legacy.put("dAvailable", AttributeValue.fromN("3"));
        LocalDynamoDb.client().putItem(r -> r.tableName(table).item(legacy));
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.stockShard(TestDrops.DROP, "H", 1))
                .updateExpression("ADD released :three, available :three")
                .expressionAttributeValues(Map.of(":three", AttributeValue.fromN("3"))));
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.sku(TestDrops.DROP, "H"))
                .updateExpression("ADD released :three")
                .expressionAttributeValues(Map.of(":three", AttributeValue.fromN("3"))));

        assertThat(new DynamoDbMerchantViews(LocalDynamoDb.client(), table).releasedByWave(TestDrops.DROP,
                drop.skus())).isEqualTo(Map.of(1, 4, 2, 3));
        assertThat(ledger()).hasSize(3);
        assertClean();
    }

    @Test
    void aLatePayment_whoseShardWasSoldMeanwhile_takesItsUnitsFromAnotherShard_once() {
        RecordingPayments payments = new RecordingPayments();
        Order late = expiredHoldOfShardZero(payments);
        OrderLifecycle lifecycle = lifecycle(payments);
        // Shard 0's units, back on sale, are sold to someone else; shard 1 still has 2.
        Order other = held(hold("other@example.com", 0, 2));
        inventory.attachPayment(other, payments.createIntent(other));
        lifecycle.apply(OrderLifecycleIntegrationTest.event(other, PaymentEventType.SUCCEEDED, "evt_other"));

        LifecycleOutcome outcome = lifecycle.apply(OrderLifecycleIntegrationTest.event(late,
                PaymentEventType.SUCCEEDED, "evt_late"));

        assertThat(outcome).isEqualTo(new LifecycleOutcome.Applied(late.orderId(), OrderStatus.PAID));
        assertThat(payments.refundsAsked).isEmpty();
        Order paid = new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(late.orderId()).orElseThrow();
        assertThat(paid.lines().getFirst().shard()).isEqualTo(1);
        assertThat(shards()).containsExactly(StockLevel.ofShard("H", 0, 2, 0, 0, 2),
                StockLevel.ofShard("H", 1, 2, 0, 0, 2));
        assertThat(partition("LEDGER#" + TestDrops.DROP + "#H#1"))
                .filteredOn(e -> late.orderId().equals(Attributes.string(e, "orderId")))
                .extracting(e -> e.get("movement").s() + ":" + e.get("shard").n()).containsExactly("LATE_SALE:1");
        assertClean();

        var before = LocalDynamoDb.scan(table);
        assertThat(lifecycle.apply(OrderLifecycleIntegrationTest.event(late, PaymentEventType.SUCCEEDED, "evt_late")))
                .isEqualTo(new LifecycleOutcome.Duplicate());
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(payments.refundsAsked).isEmpty();
    }

    @Test
    void aLatePayment_isRefundedOnlyWhenNoShardHasItsUnits() {
        RecordingPayments payments = new RecordingPayments();
        Order late = expiredHoldOfShardZero(payments);
        OrderLifecycle lifecycle = lifecycle(payments);
        held(hold("zero@example.com", 0, 2));
        held(hold("one@example.com", 1, 1));

        assertThat(lifecycle.apply(OrderLifecycleIntegrationTest.event(late, PaymentEventType.SUCCEEDED, "evt_late")))
                .isEqualTo(new LifecycleOutcome.RefundedAutomatically(late.orderId()));
        assertThat(payments.refundsAsked).hasSize(1);
        assertThat(shards()).extracting(StockLevel::available).containsExactly(0, 1);
        assertClean();
    }

    @Test
    void republishing_keepsHeldAndSold_spreadsNewUnits_andWithdrawsOnlyAvailableOnes() {
        seed(8, 4, allAtOnce()); // 2 each
        DynamoDbDropPublisher publisher = new DynamoDbDropPublisher(LocalDynamoDb.client(), table);
        held(hold("one@example.com", 0, 2));
        held(hold("two@example.com", 1, 1));

        assertThat(publisher.publish(withUnits(drop, 8, 4), start.plusSeconds(5))).isInstanceOf(PublishResult.Updated.class);
        assertThat(shards()).extracting(StockLevel::held).containsExactly(2, 1, 0, 0);
        assertThat(publisher.publish(withUnits(drop, 11, 4), start.plusSeconds(6))).isInstanceOf(PublishResult.Updated.class);
        assertThat(shards()).extracting(StockLevel::released).containsExactly(3, 3, 3, 2);
        assertThat(publisher.publish(withUnits(drop, 5, 4), start.plusSeconds(7))).isInstanceOf(PublishResult.Updated.class);
        assertThat(stock()).extracting(StockLevel::released, StockLevel::available, StockLevel::held)
                .containsExactly(5, 2, 3);
        assertThat(shards()).allSatisfy(s -> assertThat(s.balanced()).isTrue());

        var before = LocalDynamoDb.scan(table);
        assertThat(publisher.publish(withUnits(drop, 2, 4), start.plusSeconds(8)))
                .isInstanceOfSatisfying(PublishResult.Refused.class, r -> assertThat(r.reasons())
                        .anySatisfy(reason -> assertThat(reason).contains("3 units are held or sold")));
        assertThat(publisher.publish(withUnits(drop, 5, 2), start.plusSeconds(9)))
                .isInstanceOfSatisfying(PublishResult.Refused.class, r -> assertThat(r.reasons())
                        .anySatisfy(reason -> assertThat(reason).contains("stock shards cannot change")));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertClean();
    }

    @Test
    void anAdjustment_spreadsAddedUnits_andTakesAwayOnlyAvailableOnes() {
        seed(4, 2, allAtOnce()); // 2 + 2
        DynamoDbStockAdjustments adjustments = new DynamoDbStockAdjustments(LocalDynamoDb.client(), table);
        held(hold("one@example.com", 0, 2));

        assertThat(adjustments.adjust(TestDrops.DROP, "H", 3, "found a box", start)).isTrue();
        assertThat(shards()).extracting(StockLevel::available).containsExactly(2, 3);
        var before = LocalDynamoDb.scan(table);
        assertThat(adjustments.adjust(TestDrops.DROP, "H", -6, "damaged", start.plusSeconds(1))).isFalse();
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(adjustments.adjust(TestDrops.DROP, "H", -4, "damaged", start.plusSeconds(2))).isTrue();

        assertThat(stock()).extracting(StockLevel::released, StockLevel::available, StockLevel::held)
                .containsExactly(3, 1, 2);
        assertThat(skuItem().get("totalUnits").n()).isEqualTo("3");
        assertClean();
    }

    private static Drop withUnits(Drop drop, int units, int shards) {
        Sku sku = drop.skus().getFirst();
        return new Drop(drop.dropId(), drop.name(), drop.currency(), drop.opensAt(), drop.closesAt(),
                drop.perBuyerLimit(), drop.holdDuration(), true, drop.hubs(), List.of(new Sku(sku.sku(),
                sku.productId(), sku.productName(), sku.variantName(), sku.price(), units, Map.of(), List.of(), shards)),
                drop.wavePlan());
    }

    private HoldResult hold(String email, int shard, int quantity) {
        Order order = order(email, new OrderLine("H", quantity, Money.of(2_500, "EUR"), null, shard));
        return inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 10, clock.instant()));
    }

    private Order order(String email, OrderLine line) {
        return new Order(ids.next(clock.instant()), TestDrops.DROP, BUYERS.of(email), email, List.of(line),
                Money.of(2_500L * line.quantity(), "EUR"), SHIP, OrderStatus.HELD, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(10)));
    }

    private static Order held(HoldResult result) {
        assertThat(result).isInstanceOf(HoldResult.Held.class);
        return ((HoldResult.Held) result).order();
    }

    private StockLevel stock() {
        return new DynamoDbDropReader(LocalDynamoDb.client(), table, clock).read(TestDrops.DROP).orElseThrow()
                .stockOf("H").orElseThrow();
    }

    private List<StockLevel> shards() {
        return ShardReleases.read(LocalDynamoDb.client(), table, TestDrops.DROP, "H", drop.skus().getFirst().shards());
    }

    private Map<String, AttributeValue> skuItem() {
        return LocalDynamoDb.client().getItem(r -> r.tableName(table).key(TableKeys.sku(TestDrops.DROP, "H"))
                .consistentRead(true)).item();
    }

    /** SKU "H" in 2 shards of 2 units; a hold of shard 0's 2 units, unpaid, expired: its units are back on sale. */
    private Order expiredHoldOfShardZero(RecordingPayments payments) {
        seed(4, 2, allAtOnce());
        Order late = held(hold("late@example.com", 0, 2));
        inventory.attachPayment(late, payments.createIntent(late));
        clock.advance(Duration.ofMinutes(11));
        assertThat(lifecycle(payments).expire(late.orderId())).isInstanceOf(LifecycleOutcome.Applied.class);
        return late;
    }

    private OrderLifecycle lifecycle(RecordingPayments payments) {
        return new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        LocalDynamoDb.client().queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(entries::add);
        return entries;
    }

    /** The SKU's whole ledger: its own partition (entries written before the ledger was sharded) and each shard's. */
    private List<Map<String, AttributeValue>> ledger() {
        List<Map<String, AttributeValue>> entries = new ArrayList<>(partition("LEDGER#" + TestDrops.DROP + "#H"));
        for (int shard = 0; shard < drop.skus().getFirst().shards(); shard++) {
            entries.addAll(partition("LEDGER#" + TestDrops.DROP + "#H#" + shard));
        }
        return entries;
    }

    private List<String> ledgerIds() {
        return ledger().stream().map(e -> e.get(TableKeys.SK).s()).toList();
    }

    /** Every shard and the SKU balance, and the ledger sums to each of them. */
    private void assertClean() {
        ReconciliationReport report = new DynamoDbReconciler(LocalDynamoDb.client(), table, clock).reconcile();
        assertThat(report.drifts()).isEmpty();
        assertThat(stock().balanced()).isTrue();
        assertThat(stock().shards()).hasSize(drop.skus().getFirst().shards());
    }
}
