package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A seeded random storm of checkouts (single lines and bundles), payments, failures, cancellations, expiries,
 * late payments and refunds on many threads; reconciliation then finds no drift. Then drift is injected and
 * reported. The seed is printed so a failure can be replayed.
 */
class ReconcileIntegrationTest {

    private static final List<String> SKUS = List.of("A", "B", "C");
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(start);
    private final RecordingPayments payments = new RecordingPayments();
    private String table;
    private DynamoDbInventory inventory;
    private OrderLifecycle lifecycle;
    private DynamoDbReconciler reconciler;

    private int shards = 1;

    @BeforeEach
    void seed() {
        seed(25, 1);
    }

    /** The drop's SKUs, {@code units} each in {@code shardsPerSku} stock shards (1: one item). */
    private void seed(int units, int shardsPerSku) {
        shards = shardsPerSku;
        Drop drop = TestDrops.open(start, 6, units, SKUS.toArray(String[]::new));
        drop = new Drop(drop.dropId(), drop.name(), drop.currency(), drop.opensAt(), drop.closesAt(),
                drop.perBuyerLimit(), drop.holdDuration(), true, drop.hubs(), drop.skus().stream()
                .map(s -> new Sku(s.sku(), s.productId(), s.productName(), s.variantName(), s.price(), s.totalUnits(),
                        Map.of(), List.of(), shardsPerSku)).toList(), drop.wavePlan());
        table = TestDrops.seeded(drop, start);
        inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);
        reconciler = new DynamoDbReconciler(LocalDynamoDb.client(), table, clock);
    }

    @Test
    void afterARandomStorm_reconciliationFindsNoDrift() throws Exception {
        storm();
    }

    /**
     * The same storm on scarcer SKUs in 3 stock shards, lines on random shards: late payments fall over to other
     * shards, and every shard's ledger entries are in that shard's own partition.
     */
    @Test
    void afterARandomStormOnShardedSkus_reconciliationFindsNoDrift_andEachShardsLedgerIsItsOwn() throws Exception {
        seed(9, 3);
        storm();

        List<Map<String, AttributeValue>> entries = LocalDynamoDb.scan(table).stream()
                .filter(i -> "LedgerEntry".equals(Attributes.string(i, DropItems.TYPE))).toList();
        assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e.get(TableKeys.PK).s())
                .isEqualTo("LEDGER#" + TestDrops.DROP + "#" + e.get("sku").s() + "#" + e.get("shard").n()));
        Map<String, String> heldOn = new java.util.HashMap<>();
        entries.stream().filter(e -> "HOLD".equals(e.get("movement").s()))
                .forEach(e -> heldOn.put(e.get(TableKeys.SK).s().replace("#HOLD", "") + "/" + e.get("sku").s(),
                        e.get("shard").n()));
        long lateSales = entries.stream().filter(e -> "LATE_SALE".equals(e.get("movement").s())).count();
        long fellOver = entries.stream().filter(e -> "LATE_SALE".equals(e.get("movement").s()))
                .filter(e -> !e.get("shard").n().equals(heldOn.get(e.get("orderId").s() + "/" + e.get("sku").s())))
                .count();
        System.out.println("sharded storm: " + lateSales + " late sale lines, " + fellOver + " from another shard");
    }

    private void storm() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ReconcileIntegrationTest seed " + seed);
        Random random = new Random(seed);
        List<Order> orders = new CopyOnWriteArrayList<>();
        OrderIds ids = new OrderIds();
        AtomicInteger events = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int step = i;
            long stepSeed = random.nextLong();
            work.add(pool.submit(() -> {
                Random r = new Random(stepSeed);
                if (orders.size() < 5 || r.nextInt(3) == 0) {
                    Order order = newOrder(ids, r, step);
                    if (inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 6, clock.instant()))
                            instanceof HoldResult.Held) {
                        inventory.attachPayment(order, payments.createIntent(order));
                        orders.add(order);
                    }
                    return null;
                }
                Order order = orders.get(r.nextInt(orders.size()));
                switch (r.nextInt(6)) {
                    case 0, 1 -> lifecycle.apply(OrderLifecycleIntegrationTest.event(order, PaymentEventType.SUCCEEDED,
                            "evt_s_" + order.orderId()));
                    case 2 -> lifecycle.apply(OrderLifecycleIntegrationTest.event(order,
                            r.nextBoolean() ? PaymentEventType.FAILED : PaymentEventType.CANCELED, "evt_f_" + order.orderId()));
                    case 3 -> lifecycle.apply(OrderLifecycleIntegrationTest.event(order, PaymentEventType.REFUNDED,
                            "evt_r_" + order.orderId()));
                    default -> lifecycle.expire(order.orderId());
                }
                events.incrementAndGet();
                return null;
            }));
            if (i == 60) {
                clock.advance(Duration.ofMinutes(11)); // half the holds are now past their time
            }
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();

        ReconciliationReport report = reconciler.reconcile();

        assertThat(report.drifts()).as("seed %d", seed).isEmpty();
        assertThat(report.skusChecked()).isEqualTo(3);
        assertThat(report.ordersChecked()).isEqualTo(orders.size());
        assertThat(report.ledgerEntries()).isGreaterThan(orders.size());
        long paid = orders.stream().filter(o -> status(o) == OrderStatus.PAID).count();
        System.out.println("storm: " + orders.size() + " orders, " + events.get() + " events, " + paid + " paid");
    }

    @Test
    void injectedDrift_isReportedWhereItIs() {
        Order order = newOrder(new OrderIds(), new Random(1), 0);
        inventory.hold(new HoldRequest(order, "key-drift", "fp", 6, clock.instant()));
        inventory.attachPayment(order, payments.createIntent(order));
        assertThat(reconciler.reconcile().clean()).isTrue();

        // A counter changed behind the ledger's back, and an order marked paid with no payment behind it.
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.sku(TestDrops.DROP, "C"))
                .updateExpression("SET available = available + :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.order(order.orderId()))
                .updateExpression("SET #s = :paid").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":paid", AttributeValue.fromS("PAID"))));

        ReconciliationReport report = reconciler.reconcile();

        assertThat(report.drifts()).extracting(Drift::kind, Drift::subject).contains(
                org.assertj.core.groups.Tuple.tuple("ledger", TestDrops.DROP + "/C"),
                org.assertj.core.groups.Tuple.tuple("invariant", TestDrops.DROP + "/C"),
                org.assertj.core.groups.Tuple.tuple("payment", order.orderId()));
    }

    private Order newOrder(OrderIds ids, Random r, int n) {
        List<OrderLine> lines = new ArrayList<>();
        List<String> skus = new ArrayList<>(SKUS);
        java.util.Collections.shuffle(skus, r);
        for (String sku : skus.subList(0, 1 + r.nextInt(2))) {
            lines.add(new OrderLine(sku, 1 + r.nextInt(2), Money.of(2_500, "EUR"), null,
                    shards > 1 ? r.nextInt(shards) : null));
        }
        Money amount = lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        Instant now = clock.instant();
        return new Order(ids.next(now), TestDrops.DROP, BUYERS.of("buyer" + n + "@example.com"), "b@example.com",
                lines, amount, new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
    }

    private OrderStatus status(Order order) {
        return new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(order.orderId()).orElseThrow().status();
    }
}
