package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.testing.Together;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Republishing a drop mid-drop: counters never reset, the invariant and the ledger hold, bad edits are refused. */
class RepublishIntegrationTest {

    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void republishingUnderACheckoutStorm_neverResetsCounters() throws Exception {
        Drop drop = TestDrops.open(now, 100, 60, "A", "B");
        String table = TestDrops.seeded(drop, now);
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        DynamoDbDropPublisher publisher = new DynamoDbDropPublisher(LocalDynamoDb.client(), table);
        Drop edited = withSkus(drop, List.of(sku(drop, "A", 2_900, 80), sku(drop, "B", 2_500, 60)));
        OrderIds ids = new OrderIds();
        AtomicInteger held = new AtomicInteger();
        List<PublishResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int n = i;
            work.add(() -> {
                String sku = n % 2 == 0 ? "A" : "B";
                Order order = new Order(ids.next(now), TestDrops.DROP, BUYERS.of("b" + n + "@example.com"), "b@example.com",
                        List.of(new OrderLine(sku, 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                        new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plusSeconds(600));
                if (inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 100, now)) instanceof HoldResult.Held) {
                    held.incrementAndGet();
                }
                return null;
            });
            if (i % 15 == 0) {
                work.add(() -> {
                    results.add(publisher.publish(n % 30 == 0 ? edited : drop, now));
                    return null;
                });
            }
        }
        Together.run(16, work);

        StockLevel a = stock(table, "A");
        StockLevel b = stock(table, "B");
        assertThat(a.held() + b.held()).isEqualTo(held.get());
        assertThat(a.balanced()).isTrue();
        assertThat(b.balanced()).isTrue();
        assertThat(results).allSatisfy(r -> assertThat(r).isNotInstanceOf(PublishResult.Created.class));
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), table, Clock.systemUTC()).reconcile().drifts()).isEmpty();
    }

    @Test
    void publishingFewerUnitsThanHeldOrSold_isRefused_andChangesNothing() {
        Drop drop = TestDrops.open(now, 100, 10, "A", "B");
        String table = TestDrops.seeded(drop, now);
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        Order order = new Order(new OrderIds().next(now), TestDrops.DROP, BUYERS.of("x@example.com"), "x@example.com",
                List.of(new OrderLine("A", 6, Money.of(2_500, "EUR"))), Money.of(15_000, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plusSeconds(600));
        inventory.hold(new HoldRequest(order, "key-refuse", "fp", 100, now));
        var before = LocalDynamoDb.scan(table);
        DynamoDbDropPublisher publisher = new DynamoDbDropPublisher(LocalDynamoDb.client(), table);

        PublishResult tooFew = publisher.publish(withSkus(drop, List.of(sku(drop, "A", 2_500, 5), sku(drop, "B", 2_500, 10))), now);
        PublishResult removed = publisher.publish(withSkus(drop, List.of(sku(drop, "A", 2_500, 10))), now);

        assertThat(tooFew).isInstanceOf(PublishResult.Refused.class);
        assertThat(((PublishResult.Refused) tooFew).reasons()).singleElement().asString()
                .contains("SKU A").contains("6 units are held or sold");
        assertThat(((PublishResult.Refused) removed).reasons()).singleElement().asString().contains("SKU B")
                .contains("cannot be removed");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void withdrawingUnsoldUnits_andAddingASku_areLedgered() {
        Drop drop = TestDrops.open(now, 100, 10, "A");
        String table = TestDrops.seeded(drop, now);
        DynamoDbDropPublisher publisher = new DynamoDbDropPublisher(LocalDynamoDb.client(), table);

        PublishResult result = publisher.publish(withSkus(drop, List.of(sku(drop, "A", 2_500, 7),
                new Sku("C", "product-c", "Product C", "One size", Money.of(1_000, "EUR"), 4))), now);

        assertThat(result).isInstanceOf(PublishResult.Updated.class);
        assertThat(stock(table, "A")).isEqualTo(new StockLevel("A", 7, 7, 0, 0));
        assertThat(stock(table, "C")).isEqualTo(new StockLevel("C", 4, 4, 0, 0));
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), table, Clock.systemUTC()).reconcile().drifts()).isEmpty();
    }

    private static Sku sku(Drop drop, String id, long price, int units) {
        Sku base = drop.sku(id).orElseThrow();
        return new Sku(id, base.productId(), base.productName(), base.variantName(), Money.of(price, "EUR"), units);
    }

    private static Drop withSkus(Drop drop, List<Sku> skus) {
        return new Drop(drop.dropId(), drop.name(), drop.currency(), drop.opensAt(), drop.closesAt(),
                drop.perBuyerLimit(), drop.holdDuration(), drop.shipping(), drop.hubs(), skus, drop.wavePlan(),
                drop.restockOnRefund());
    }

    private static StockLevel stock(String table, String sku) {
        return DropItems.stock(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item());
    }
}
