package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.waves.WaveResult;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.testing.Together;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Waves on DynamoDB Local: each wave's units go on sale once, whatever fires it, however often, however late. */
class WaveReleaseIntegrationTest {

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(start);
    private String table;
    private WaveService waves;

    @BeforeEach
    void seed() {
        Drop base = TestDrops.open(start, 100, 100, "A", "B");
        Drop staged = new Drop(base.dropId(), base.name(), Currency.getInstance("EUR"), start,
                start.plus(Duration.ofDays(1)), 100, Duration.ofMinutes(10), true, base.hubs(), base.skus(),
                WavePlan.standard(start));
        table = TestDrops.seeded(staged, start);
        waves = new WaveService(new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table), clock);
    }

    @Test
    void publishing_releasesTheFirstWave_andFiringTheSecondReleasesItOnce() {
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 40, 40, 0, 0));
        clock.advance(Duration.ofMinutes(30));

        WaveResult first = waves.fire(TestDrops.DROP, 2);
        var after = LocalDynamoDb.scan(table);
        WaveResult again = waves.fire(TestDrops.DROP, 2);

        assertThat(first).isEqualTo(new WaveResult.Released(2, Map.of("A", 40, "B", 40)));
        assertThat(again).isEqualTo(new WaveResult.AlreadyReleased(2));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(after);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 80, 80, 0, 0));
        assertThat(LocalDynamoDb.scan(table)).anySatisfy(item -> assertThat(item.get("pk").s())
                .isEqualTo("OUTBOX#evt_" + TestDrops.DROP + "_wave_2"));
        assertLedgerMatches();
    }

    @Test
    void skusWithTheirOwnUnitsPerWave_releaseExactlyThoseUnits() {
        List<dev.microdrop.core.drop.Sku> skus = List.of(
                new dev.microdrop.core.drop.Sku("A", "product-a", "A", "One size", Money.of(2_500, "EUR"), 100,
                        Map.of(), List.of(50, 10, 40)),
                new dev.microdrop.core.drop.Sku("B", "product-b", "B", "One size", Money.of(2_500, "EUR"), 100,
                        Map.of(), List.of(5, 5, 90)));
        Drop base = TestDrops.open(start, 100, 100, "A");
        table = TestDrops.seeded(new Drop("units-drop", base.name(), Currency.getInstance("EUR"), start,
                start.plus(Duration.ofDays(1)), 100, Duration.ofMinutes(10), true, base.hubs(), skus,
                WavePlan.standard(start)), start);
        waves = new WaveService(new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table), clock);

        assertThat(released("units-drop")).containsExactly(Map.entry("A", 50), Map.entry("B", 5));
        clock.advance(Duration.ofMinutes(30));
        assertThat(waves.fire("units-drop", 2)).isEqualTo(new WaveResult.Released(2, Map.of("A", 10, "B", 5)));
        clock.advance(Duration.ofHours(2));
        assertThat(waves.fire("units-drop", 3)).isEqualTo(new WaveResult.Released(3, Map.of("A", 40, "B", 90)));
        assertThat(released("units-drop")).containsExactly(Map.entry("A", 100), Map.entry("B", 100));
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), table, clock).reconcile().drifts()).isEmpty();
    }

    private Map<String, Integer> released(String dropId) {
        Map<String, Integer> released = new java.util.TreeMap<>();
        new DynamoDbDropReader(LocalDynamoDb.client(), table, clock).read(dropId).orElseThrow().stock()
                .forEach((sku, level) -> released.put(sku, level.released()));
        return released;
    }

    @Test
    void aWaveFiredByManyAtOnce_releasesItsUnitsOnce() throws Exception {
        AtomicInteger released = new AtomicInteger();
        List<Callable<Void>> firings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            firings.add(() -> {
                if (waves.fire(TestDrops.DROP, 3) instanceof WaveResult.Released) {
                    released.incrementAndGet();
                }
                return null;
            });
        }
        Together.run(16, firings);

        assertThat(released.get()).isEqualTo(1);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 100, 100, 0, 0));
        assertLedgerMatches();
    }

    @Test
    void aLateWave_afterALaterOne_changesNothing() {
        waves.fire(TestDrops.DROP, 3);
        var after = LocalDynamoDb.scan(table);

        assertThat(waves.fire(TestDrops.DROP, 2)).isEqualTo(new WaveResult.AlreadyReleased(2));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(after);
        assertThat(stock("B")).isEqualTo(new StockLevel("B", 100, 100, 0, 0));
    }

    @Test
    void aWaveAfterTheDropClosed_releasesNothing() {
        clock.advance(Duration.ofDays(2));
        var before = LocalDynamoDb.scan(table);

        assertThat(waves.fire(TestDrops.DROP, 2)).isInstanceOf(WaveResult.NotReleased.class);
        assertThat(waves.fire(TestDrops.DROP, 9)).isInstanceOf(WaveResult.NotReleased.class);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void aWaveDuringACheckoutStorm_keepsEveryCounterBalanced() throws Exception {
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        BuyerIds buyers = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));
        OrderIds ids = new OrderIds();
        AtomicInteger held = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int n = i;
            work.add(() -> {
                Instant now = clock.instant();
                Order order = new Order(ids.next(now), TestDrops.DROP, buyers.of("b" + n + "@example.com"), "b@example.com",
                        List.of(new OrderLine("A", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                        new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plusSeconds(600));
                if (inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 100, now)) instanceof HoldResult.Held) {
                    held.incrementAndGet();
                }
                return null;
            });
            if (i == 30) {
                work.add(() -> {
                    waves.fire(TestDrops.DROP, 2);
                    return null;
                });
            }
        }
        Together.run(16, work);

        StockLevel a = stock("A");
        assertThat(a.released()).isEqualTo(80);
        assertThat(a.held()).isEqualTo(held.get());
        assertThat(a.balanced()).isTrue();
        assertLedgerMatches();
    }

    @Test
    void theFirstWave_ofADropWithEarlyAccess_bringsTheInsidersTranche() {
        Instant insidersFrom = start.plus(Duration.ofHours(1));
        Instant opens = start.plus(Duration.ofHours(2));
        Drop base = TestDrops.open(start, 100, 100, "A");
        Drop early = new Drop("early-drop", "Early", Currency.getInstance("EUR"), opens, opens.plus(Duration.ofDays(1)),
                2, Duration.ofMinutes(10), true, base.hubs(), base.skus(), WavePlan.standard(opens), true,
                new dev.microdrop.core.drop.Insiders(insidersFrom, 1_000, 1));
        String earlyTable = TestDrops.seeded(early, start);
        WaveService earlyWaves = new WaveService(new DynamoDbDropReader(LocalDynamoDb.client(), earlyTable, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), earlyTable), clock);
        assertThat(early.waveAt(1)).isEqualTo(insidersFrom);
        assertThat(early.wavesDueAt(start)).isZero();

        clock.advance(Duration.ofHours(1));
        WaveResult first = earlyWaves.fire("early-drop", 1);

        var item = LocalDynamoDb.client().getItem(r -> r.tableName(earlyTable).key(TableKeys.sku("early-drop", "A"))
                .consistentRead(true)).item();
        assertThat(first).isEqualTo(new WaveResult.Released(1, Map.of("A", 40)));
        assertThat(item.get("insiderReserved").n()).isEqualTo("4");
        assertThat(item.get("available").n()).isEqualTo("40");
    }

    private StockLevel stock(String sku) {
        return DropItems.stock(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item());
    }

    private void assertLedgerMatches() {
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), table, clock).reconcile().drifts()).isEmpty();
    }
}
