package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.waves.WaveResult;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SKU split across two hubs on DynamoDB Local: every write that moves the SKU's counters for one hub's units
 * moves that hub's counters too, so each hub balances, the hubs add up to the SKU, and the ledger (one entry per
 * hub per movement) reconciles with both.
 */
class HubStockIntegrationTest {

    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));
    private static final String BERLIN = "berlin";
    private static final String HAMBURG = "hamburg";

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(start);
    private final OrderIds ids = new OrderIds();
    private Drop drop;
    private String table;
    private DynamoDbInventory inventory;

    @BeforeEach
    void seed() {
        Map<String, Integer> split = new LinkedHashMap<>();
        split.put(BERLIN, 5);
        split.put(HAMBURG, 4);
        drop = new Drop(TestDrops.DROP, "Split drop", Currency.getInstance("EUR"), start,
                start.plus(Duration.ofDays(1)), 10, Duration.ofMinutes(10), true,
                List.of(new PickupHub(BERLIN, "Berlin"), new PickupHub(HAMBURG, "Hamburg")),
                List.of(new Sku("A", "product-a", "Product A", "One size", Money.of(2_500, "EUR"), 9, split)),
                WavePlan.standard(start), true, null, List.of(BERLIN, HAMBURG));
        table = TestDrops.seeded(drop, start);
        inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
    }

    @Test
    void publishing_releasesEachHubsFirstWave_andEachWaveRaisesEveryHubOnce() {
        // 40% of 5 and of 4, rounded down per hub: the SKU's released count is their sum.
        assertThat(stock().hubs()).containsEntry(BERLIN, new StockLevel("A", 2, 2, 0, 0))
                .containsEntry(HAMBURG, new StockLevel("A", 1, 1, 0, 0));
        assertThat(stock().released()).isEqualTo(3);

        WaveService waves = new WaveService(new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table), clock);
        clock.advance(Duration.ofMinutes(30));
        assertThat(waves.fire(TestDrops.DROP, 2)).isEqualTo(new WaveResult.Released(2, Map.of("A", 4))); // 4 + 3 of 80%
        assertThat(waves.fire(TestDrops.DROP, 2)).isEqualTo(new WaveResult.AlreadyReleased(2));
        clock.advance(Duration.ofHours(2));
        assertThat(waves.fire(TestDrops.DROP, 3)).isEqualTo(new WaveResult.Released(3, Map.of("A", 2)));

        assertThat(stock()).isEqualTo(new StockLevel("A", 9, 9, 0, 0, Map.of(
                BERLIN, new StockLevel("A", 5, 5, 0, 0), HAMBURG, new StockLevel("A", 4, 4, 0, 0))));
        assertClean();
    }

    @Test
    void aHoldTakesItsHubsUnitsOnly_andIsRefusedWhenItsHubIsShortThoughTheSkuIsNot() {
        HoldResult held = hold("one@example.com", BERLIN, 2);
        HoldResult refused = hold("two@example.com", BERLIN, 1);

        assertThat(held).isInstanceOf(HoldResult.Held.class);
        assertThat(refused).isInstanceOfSatisfying(HoldResult.OutOfStock.class, out -> {
            StockLevel seen = out.levels().getFirst();
            assertThat(seen.available()).isEqualTo(1);
            assertThat(seen.available(BERLIN)).isZero();
            assertThat(seen.available(HAMBURG)).isEqualTo(1);
        });
        assertThat(stock()).isEqualTo(new StockLevel("A", 3, 1, 2, 0, Map.of(
                BERLIN, new StockLevel("A", 2, 0, 2, 0), HAMBURG, new StockLevel("A", 1, 1, 0, 0))));
        assertClean();
    }

    @Test
    void everyTransition_movesTheUnitsOfTheHubTheyCameFrom() {
        clock.advance(Duration.ofHours(3)); // every wave due
        new WaveService(new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table), clock).fire(TestDrops.DROP, 3);
        RecordingPayments payments = new RecordingPayments();
        OrderLifecycle lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);
        Order paid = held(hold("paid@example.com", HAMBURG, 3));
        Order expired = held(hold("expired@example.com", BERLIN, 2));
        Order refunded = held(hold("refunded@example.com", BERLIN, 1));
        for (Order order : List.of(paid, expired, refunded)) {
            inventory.attachPayment(order, payments.createIntent(order));
        }

        lifecycle.apply(OrderLifecycleIntegrationTest.event(paid, PaymentEventType.SUCCEEDED, "evt_paid"));
        lifecycle.apply(OrderLifecycleIntegrationTest.event(refunded, PaymentEventType.SUCCEEDED, "evt_paid_r"));
        lifecycle.apply(OrderLifecycleIntegrationTest.event(refunded, PaymentEventType.REFUNDED, "evt_refund"));
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(expired.orderId());

        assertThat(stock().hubs()).containsEntry(HAMBURG, new StockLevel("A", 4, 1, 0, 3))
                .containsEntry(BERLIN, new StockLevel("A", 5, 5, 0, 0));
        assertThat(stock().balanced()).isTrue();
        assertClean();
    }

    @Test
    void anAdjustmentMovesOneHub_andTakesAwayOnlyWhatThatHubHasAvailable() {
        DynamoDbStockAdjustments adjustments = new DynamoDbStockAdjustments(LocalDynamoDb.client(), table);

        assertThat(adjustments.adjust(TestDrops.DROP, "A", HAMBURG, 3, "found a box", start)).isTrue();
        var before = LocalDynamoDb.scan(table);
        assertThat(adjustments.adjust(TestDrops.DROP, "A", BERLIN, -3, "damaged", start.plusSeconds(1))).isFalse();
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);

        assertThat(stock().hubs()).containsEntry(HAMBURG, new StockLevel("A", 4, 4, 0, 0))
                .containsEntry(BERLIN, new StockLevel("A", 2, 2, 0, 0));
        assertThat(stock().available()).isEqualTo(6);
        assertClean();
    }

    @Test
    void republishing_keepsTheSplit_andRefusesToChangeIt() {
        DynamoDbDropPublisher publisher = new DynamoDbDropPublisher(LocalDynamoDb.client(), table);
        hold("one@example.com", BERLIN, 1);

        assertThat(publisher.publish(drop, start.plusSeconds(5))).isInstanceOf(PublishResult.Updated.class);
        Sku moved = new Sku("A", "product-a", "Product A", "One size", Money.of(2_500, "EUR"), 9,
                Map.of(BERLIN, 4, HAMBURG, 5));
        var before = LocalDynamoDb.scan(table);
        PublishResult refused = publisher.publish(new Drop(drop.dropId(), drop.name(), drop.currency(), drop.opensAt(),
                drop.closesAt(), 10, drop.holdDuration(), true, drop.hubs(), List.of(moved), drop.wavePlan(), true,
                null, drop.shipFrom()), start.plusSeconds(6));

        assertThat(refused).isInstanceOfSatisfying(PublishResult.Refused.class, r -> assertThat(r.reasons())
                .anySatisfy(reason -> assertThat(reason).contains("split across hubs cannot change")));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(stock().hubs().get(BERLIN)).isEqualTo(new StockLevel("A", 2, 1, 1, 0));
        assertClean();
    }

    private HoldResult hold(String email, String hub, int quantity) {
        Order order = new Order(ids.next(clock.instant()), TestDrops.DROP, BUYERS.of(email), email,
                List.of(new OrderLine("A", quantity, Money.of(2_500, "EUR"), hub)), Money.of(2_500L * quantity, "EUR"),
                new Fulfilment.Pickup(hub), OrderStatus.HELD, clock.instant(), clock.instant().plus(Duration.ofMinutes(10)));
        return inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 10, clock.instant()));
    }

    private static Order held(HoldResult result) {
        assertThat(result).isInstanceOf(HoldResult.Held.class);
        return ((HoldResult.Held) result).order();
    }

    private StockLevel stock() {
        return DropItems.stock(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, "A")).consistentRead(true)).item());
    }

    /** Every hub and the SKU balance, and the ledger sums to each of them. */
    private void assertClean() {
        ReconciliationReport report = new DynamoDbReconciler(LocalDynamoDb.client(), table, clock).reconcile();
        assertThat(report.drifts()).isEmpty();
        assertThat(stock().balanced()).isTrue();
    }
}
