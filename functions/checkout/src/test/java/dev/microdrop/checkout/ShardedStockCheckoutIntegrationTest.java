package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.infrastructure.dynamodb.CountingDynamoDb;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sharded SKU through the checkout function on DynamoDB Local: each line draws from one stock shard, picked at
 * random among those with units, falls over to another when its shard turns out short, has units moved into its
 * shard when no single shard can fill it, and the SKU is sold out only when every shard is empty.
 */
class ShardedStockCheckoutIntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aStormOnAShardedSku_sellsExactlyItsUnits_theLastUnitIncluded_perShardAndInTotal() throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(drop(101, 4), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ofSeconds(2));

        Map<Integer, AtomicInteger> statuses = CheckoutConcurrencyIntegrationTest.storm(600, i -> fixture.post(
                "shard-key-" + i, CheckoutFixture.checkout(TestDrops.DROP, "buyer" + i + "@example.com", "H", "1")));

        assertThat(statuses.get(201).get()).isEqualTo(101);
        assertThat(statuses.keySet()).containsOnly(201, 409);
        StockLevel stock = stock(fixture);
        assertThat(stock).extracting(StockLevel::released, StockLevel::available, StockLevel::held,
                StockLevel::sold).containsExactly(101, 0, 101, 0);
        assertThat(stock.shards()).extracting(StockLevel::released).containsExactly(26, 25, 25, 25);
        assertThat(stock.shards()).allSatisfy(shard -> {
            assertThat(shard.balanced()).isTrue();
            assertThat(shard.available()).isZero();
        });
        assertThat(stock.balanced()).isTrue();
        // The ledger spreads like the counters: each shard's holds are entries in that shard's own partition.
        for (StockLevel shard : stock.shards()) {
            assertThat(partition(fixture, "LEDGER#" + TestDrops.DROP + "#H#" + shard.shard()))
                    .filteredOn(e -> "HOLD".equals(e.get("movement").s()))
                    .hasSize(shard.held())
                    .allSatisfy(e -> assertThat(e.get("shard").n()).isEqualTo(String.valueOf(shard.shard())));
        }
        assertThat(partition(fixture, "LEDGER#" + TestDrops.DROP + "#H")).isEmpty();
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).reconcile()
                .drifts()).isEmpty();
    }

    @Test
    void twoShardsWithOneUnitEach_sellAQuantityTwoOrder_andTheLedgerShowsTheMove() {
        CheckoutFixture fixture = new CheckoutFixture(drop(2, 2), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ofSeconds(2));

        APIGatewayV2HTTPResponse both = fixture.post("both-key-1",
                CheckoutFixture.checkout(TestDrops.DROP, "both@example.com", "H", "2"));

        assertThat(both.getStatusCode()).as(both.getBody()).isEqualTo(201);
        StockLevel stock = stock(fixture);
        assertThat(stock.held()).isEqualTo(2);
        assertThat(stock.shards()).extracting(StockLevel::held).containsExactlyInAnyOrder(2, 0);
        assertThat(stock.shards()).extracting(StockLevel::released).containsExactlyInAnyOrder(2, 0);
        assertThat(ledger(fixture)).filteredOn(e -> "REBALANCE".equals(e.get("movement").s())).hasSize(2);
        assertThat(fixture.post("late-key-1", CheckoutFixture.checkout(TestDrops.DROP, "late@example.com", "H", "1"))
                .getStatusCode()).isEqualTo(409);
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).reconcile()
                .drifts()).isEmpty();
    }

    @Test
    void unitsReturnedByAnExpiryAfterSellOut_areSoldAgainOnceTheReCheckWindowHasPassed() {
        Duration window = Duration.ofSeconds(2);
        MutableClock clock = new MutableClock(now);
        CountingDynamoDb counting = new CountingDynamoDb(LocalDynamoDb.client());
        CheckoutFixture fixture = new CheckoutFixture(drop(2, 2), counting.client(), clock, window);
        APIGatewayV2HTTPResponse first = fixture.post("first-key-1",
                CheckoutFixture.checkout(TestDrops.DROP, "first@example.com", "H", "1"));
        fixture.post("second-key-1", CheckoutFixture.checkout(TestDrops.DROP, "second@example.com", "H", "1"));
        assertThat(fixture.post("late-key-0", CheckoutFixture.checkout(TestDrops.DROP, "late@example.com", "H", "1"))
                .getStatusCode()).isEqualTo(409);

        // Both holds lapse; a buyer then finds the SKU sold out, and this instance caches it so.
        clock.advance(Duration.ofMinutes(11));
        assertThat(fixture.post("warm-key-1", CheckoutFixture.checkout(TestDrops.DROP, "warm@example.com", "H", "1"))
                .getStatusCode()).isEqualTo(409);
        // The first hold's expiry returns its unit to its shard ...
        OrderLifecycle lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table,
                clock), new DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, clock), fixture.payments, clock);
        assertThat(lifecycle.expire(CheckoutFixture.json(first).get("orderId").asText()))
                .isInstanceOf(LifecycleOutcome.Applied.class);
        // ... which this instance does not see within its window: buyers are turned away without a write ...
        counting.reset();
        assertThat(fixture.post("late-key-1", CheckoutFixture.checkout(TestDrops.DROP, "late@example.com", "H", "1"))
                .getStatusCode()).isEqualTo(409);
        assertThat(counting.writes()).isZero();
        // ... and sells it again once the window has passed.
        clock.advance(window);
        APIGatewayV2HTTPResponse again = fixture.post("patient-key-1",
                CheckoutFixture.checkout(TestDrops.DROP, "patient@example.com", "H", "1"));

        assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(201);
        assertThat(stock(fixture)).extracting(StockLevel::available, StockLevel::held).containsExactly(0, 2);
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, clock).reconcile().drifts()).isEmpty();
    }

    /** SKU "H": {@code units} in {@code shards} stock shards, all on sale from the opening an hour ago. */
    private Drop drop(int units, int shards) {
        Instant opensAt = now.minus(Duration.ofHours(1));
        return new Drop(TestDrops.DROP, "Sharded drop", Currency.getInstance("EUR"), opensAt,
                opensAt.plus(Duration.ofDays(2)), 2, Duration.ofMinutes(10), true,
                List.of(new PickupHub(TestDrops.HUB, "Hub One")),
                List.of(new Sku("H", "product-h", "Product H", "One size", Money.of(2_500, "EUR"), units, Map.of(),
                        List.of(), shards)),
                new WavePlan(List.of(new Wave(1, opensAt, WavePlan.WHOLE))));
    }

    private static StockLevel stock(CheckoutFixture fixture) {
        return new DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).read(TestDrops.DROP)
                .orElseThrow().stockOf("H").orElseThrow();
    }

    /** The SKU's whole ledger (2 shards): its own partition and each shard's. */
    private static List<Map<String, AttributeValue>> ledger(CheckoutFixture fixture) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>(partition(fixture, "LEDGER#" + TestDrops.DROP
                + "#H"));
        for (int shard = 0; shard < 2; shard++) {
            entries.addAll(partition(fixture, "LEDGER#" + TestDrops.DROP + "#H#" + shard));
        }
        return entries;
    }

    private static List<Map<String, AttributeValue>> partition(CheckoutFixture fixture, String pk) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        LocalDynamoDb.client().queryPaginator(r -> r.tableName(fixture.table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(entries::add);
        return entries;
    }
}
