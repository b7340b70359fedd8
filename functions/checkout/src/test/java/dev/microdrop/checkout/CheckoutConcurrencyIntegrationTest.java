package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Storms through the real handler on DynamoDB Local: many threads released at once by a latch. Each test
 * checks the outcome the buyers saw against the counters the table holds afterwards.
 */
class CheckoutConcurrencyIntegrationTest {

    private static final int THREADS = 64;

    /**
     * With the cache on, late buyers are mostly turned away from memory; with a zero window every attempt reads
     * the table and tries the conditional write, so the write alone must stop the oversell.
     */
    @ParameterizedTest(name = "cache window {0} ms")
    @ValueSource(longs = {2_000, 0})
    void checkout_when2000BuyersRaceFor100Units_thenExactly100AreHeldAndTheInvariantHolds(long windowMillis)
            throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(Clock.systemUTC().instant(), 2, 100, "HOT"),
                LocalDynamoDb.client(), Clock.systemUTC(), Duration.ofMillis(windowMillis));

        Map<Integer, AtomicInteger> statuses = storm(2_000, i -> fixture.post("storm-key-" + i,
                CheckoutFixture.checkout(TestDrops.DROP, "buyer" + i + "@example.com", "HOT", "1")));

        assertThat(statuses.get(201).get()).isEqualTo(100);
        assertThat(statuses.keySet()).containsOnly(201, 409);
        StockLevel hot = stock(fixture.table, "HOT");
        assertThat(hot).isEqualTo(new StockLevel("HOT", 100, 0, 100, 0));
        assertThat(hot.balanced()).isTrue();
        assertThat(orders(fixture.table)).isEqualTo(100);
    }

    @Test
    void checkout_whenBundlesStormTwoSkus_thenNoSkuIsEverHeldWithoutTheOther() throws Exception {
        // 60 units of A, 40 of B: B runs out first, and from then on no bundle may take an A.
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(Clock.systemUTC().instant(), 4, 60, "A", "B"),
                Clock.systemUTC());
        seedExtraSingles(fixture);

        Map<Integer, AtomicInteger> statuses = storm(1_000, i -> fixture.post("bundle-key-" + i,
                CheckoutFixture.checkout(TestDrops.DROP, "buyer" + i + "@example.com", "A", "1", "B", "1")));

        StockLevel a = stock(fixture.table, "A");
        StockLevel b = stock(fixture.table, "B");
        int bundles = statuses.get(201).get();
        assertThat(a.balanced()).isTrue();
        assertThat(b.balanced()).isTrue();
        assertThat(b.available()).isZero();
        // 20 of B went to singles before the storm; every other held unit belongs to a whole bundle.
        assertThat(b.held()).isEqualTo(20 + bundles);
        assertThat(a.held()).isEqualTo(bundles);
        assertThat(bundles).isEqualTo(40);
    }

    @Test
    void checkout_whenOneBuyerSendsTenOrdersAtOnce_thenTheirTotalNeverPassesTheLimit() throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(Clock.systemUTC().instant(), 3, 100, "A", "B"),
                Clock.systemUTC());

        Map<Integer, AtomicInteger> statuses = storm(10, i -> fixture.post("same-buyer-" + i,
                CheckoutFixture.checkout(TestDrops.DROP, "Greedy@Example.com", i % 2 == 0 ? "A" : "B", "1")));

        assertThat(statuses.get(201).get()).isEqualTo(3);
        assertThat(statuses.get(429).get()).isEqualTo(7);
        assertThat(stock(fixture.table, "A").held() + stock(fixture.table, "B").held()).isEqualTo(3);
    }

    @Test
    void checkout_whenTheSameKeyIsRetriedBy50Threads_thenOneOrderExists() throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(Clock.systemUTC().instant(), 2, 100, "A"),
                Clock.systemUTC());
        String body = CheckoutFixture.checkout(TestDrops.DROP, "retry@example.com", "A", "2");
        List<String> orderIds = new java.util.concurrent.CopyOnWriteArrayList<>();

        Map<Integer, AtomicInteger> statuses = storm(50, i -> {
            APIGatewayV2HTTPResponse response = fixture.post("one-key-for-all", body);
            if (response.getStatusCode() == 201) {
                orderIds.add(CheckoutFixture.json(response).get("orderId").asText());
            }
            return response;
        });

        assertThat(statuses.get(201).get()).isEqualTo(50);
        assertThat(orderIds).hasSize(50).containsOnly(orderIds.getFirst());
        assertThat(orders(fixture.table)).isEqualTo(1);
        assertThat(stock(fixture.table, "A").held()).isEqualTo(2);
    }

    private static void seedExtraSingles(CheckoutFixture fixture) {
        for (int i = 0; i < 20; i++) {
            APIGatewayV2HTTPResponse response = fixture.post("single-b-" + i,
                    CheckoutFixture.checkout(TestDrops.DROP, "single" + i + "@example.com", "B", "1"));
            assertThat(response.getStatusCode()).isEqualTo(201);
        }
    }

    /** Runs {@code attempts} calls on {@link #THREADS} threads, all started together; counts statuses. */
    static Map<Integer, AtomicInteger> storm(int attempts, Attempt attempt) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    APIGatewayV2HTTPResponse response = attempt.run(n);
                    statuses.computeIfAbsent(response.getStatusCode(), k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        statuses.computeIfAbsent(201, k -> new AtomicInteger());
        return statuses;
    }

    static StockLevel stock(String table, String sku) {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(dev.microdrop.infrastructure.dynamodb.TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item();
        return new StockLevel(sku, n(item, "released"), n(item, "available"), n(item, "held"), n(item, "sold"));
    }

    static long orders(String table) {
        return LocalDynamoDb.scan(table).stream().filter(i -> i.get("pk").s().startsWith("ORDER#")).count();
    }

    private static int n(Map<String, AttributeValue> item, String name) {
        return Integer.parseInt(item.get(name).n());
    }

    @FunctionalInterface
    interface Attempt {
        APIGatewayV2HTTPResponse run(int n) throws Exception;
    }
}
