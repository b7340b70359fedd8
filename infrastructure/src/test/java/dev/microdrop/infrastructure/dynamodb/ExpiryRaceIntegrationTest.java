package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.testing.Together;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expiries race late payments for the same orders while fresh buyers race for the units the expiries release.
 * Whatever the interleaving, every unit is counted once: each late order ends paid (it got a unit back) or
 * refunded automatically (it did not), and paid + freshly held never exceeds the units.
 */
class ExpiryRaceIntegrationTest {

    private static final int UNITS = 20;
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "round {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void expiryRacingLatePaymentsAndNewBuyers_countsEveryUnitOnce(int round) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        String table = TestDrops.seeded(TestDrops.open(start, 5, UNITS, "A"), start);
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        RecordingPayments payments = new RecordingPayments();
        OrderLifecycle lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);
        OrderIds ids = new OrderIds();

        List<Order> late = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            late.add(hold(inventory, ids, "late" + i, clock.instant()));
        }
        clock.advance(Duration.ofMinutes(11));

        AtomicInteger freshHeld = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            Order order = late.get(i);
            tasks.add(() -> {
                lifecycle.expire(order.orderId());
                return null;
            });
            tasks.add(() -> {
                lifecycle.apply(OrderLifecycleIntegrationTest.event(order, PaymentEventType.SUCCEEDED, "evt_paid_" + order.orderId()));
                return null;
            });
            String fresh = "fresh" + round + "-" + i;
            tasks.add(() -> {
                if (tryHold(inventory, ids, fresh, clock.instant())) {
                    freshHeld.incrementAndGet();
                }
                return null;
            });
        }
        Collections.shuffle(tasks, new java.util.Random(round));
        Together.run(24, tasks);

        StockLevel a = DropItems.stock(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, "A")).consistentRead(true)).item());
        DynamoDbOrderStore orders = new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock);
        long paid = late.stream().filter(o -> orders.find(o.orderId()).orElseThrow().status() == OrderStatus.PAID).count();
        long refunded = late.stream()
                .filter(o -> orders.find(o.orderId()).orElseThrow().status() == OrderStatus.REFUNDED).count();

        assertThat(a.balanced()).as(a.toString()).isTrue();
        assertThat(paid + refunded).as("every late order ends paid or refunded").isEqualTo(UNITS);
        assertThat(a.sold()).isEqualTo((int) paid);
        assertThat(a.held()).isEqualTo(freshHeld.get());
        assertThat(paid + freshHeld.get() + a.available()).isEqualTo(UNITS);
        assertThat(payments.ordersRefunded()).isEqualTo(refunded);
        assertThat(lifecycle.expire(late.getFirst().orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);
    }

    private static Order hold(DynamoDbInventory inventory, OrderIds ids, String buyer, Instant now) {
        Order order = order(ids, buyer, now);
        assertThat(inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 5, now)))
                .isInstanceOf(HoldResult.Held.class);
        // The intent OrderLifecycleIntegrationTest.event pays with, attached as the checkout attaches it.
        inventory.attachPayment(order, new RecordingPayments().createIntent(order, order.amount(),
                RecordingPayments.ORDER));
        return order;
    }

    private static boolean tryHold(DynamoDbInventory inventory, OrderIds ids, String buyer, Instant now) {
        Order order = order(ids, buyer, now);
        return inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 5, now)) instanceof HoldResult.Held;
    }

    private static Order order(OrderIds ids, String buyer, Instant now) {
        return new Order(ids.next(now), TestDrops.DROP, BUYERS.of(buyer + "@example.com"), buyer + "@example.com",
                List.of(new OrderLine("A", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
    }
}
