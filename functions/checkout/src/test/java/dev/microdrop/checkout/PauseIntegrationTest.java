package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.merchant.PauseResult;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPauses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pausing a drop in the middle of a checkout storm, on DynamoDB Local. The checkout's cache is warmed before the
 * pause and outlives the test, so it never learns of the pause: every refusal after it comes from the hold's own
 * conditional write.
 */
class PauseIntegrationTest {

    private static final int THREADS = 12;

    private record Attempt(long startedNanos, int status, String type) {
    }

    @Test
    void pause_inTheMiddleOfAStorm_acceptsNoHoldAfterItsWriteReturns_andResumeLetsBuyersIn() throws Exception {
        Clock clock = Clock.systemUTC();
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(clock.instant(), 2, 100_000, "A", "B"),
                LocalDynamoDb.client(), clock, Duration.ofMinutes(10));
        DynamoDbDropPauses pauses = new DynamoDbDropPauses(LocalDynamoDb.client(), fixture.table);
        assertThat(post(fixture, "warm-up", "A").getStatusCode()).as("the cache is warm, and says: not paused").isEqualTo(201);

        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> buyers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            buyers.add(pool.submit(() -> {
                while (!stop.get()) {
                    int i = sequence.incrementAndGet();
                    long started = System.nanoTime();
                    APIGatewayV2HTTPResponse response = post(fixture, "buyer" + i, i % 2 == 0 ? "A" : "B");
                    attempts.add(new Attempt(started, response.getStatusCode(), response.getStatusCode() == 201 ? null
                            : CheckoutFixture.json(response).get("type").asText()));
                }
                return null;
            }));
        }
        Thread.sleep(700);
        PauseResult paused = pauses.pause(TestDrops.DROP, clock.instant());
        long pauseReturned = System.nanoTime();
        int heldAtPause = held(fixture.table);
        Thread.sleep(600);
        stop.set(true);
        for (Future<?> buyer : buyers) {
            buyer.get();
        }
        pool.shutdown();

        List<Attempt> before = attempts.stream().filter(a -> a.startedNanos() < pauseReturned).toList();
        List<Attempt> after = attempts.stream().filter(a -> a.startedNanos() > pauseReturned).toList();
        System.out.printf("pause storm: %d attempts before the pause returned (%d held), %d after (%d held)%n",
                before.size(), before.stream().filter(a -> a.status() == 201).count(), after.size(),
                after.stream().filter(a -> a.status() == 201).count());
        assertThat(paused).isEqualTo(PauseResult.CHANGED);
        assertThat(before).as("buyers were being served before the pause").anyMatch(a -> a.status() == 201);
        assertThat(after).as("the storm went on after the pause").hasSizeGreaterThan(THREADS);
        assertThat(after).as("no checkout that started after the pause returned held anything")
                .allMatch(a -> a.status() == 409 && a.type().endsWith("/drop-paused"));
        assertThat(held(fixture.table)).as("no hold committed after the pause's write").isEqualTo(heldAtPause);

        assertThat(pauses.resume(TestDrops.DROP, clock.instant())).isEqualTo(PauseResult.CHANGED);
        assertThat(post(fixture, "after-resume", "B").getStatusCode()).as("resume lets buyers in again").isEqualTo(201);
        assertThat(held(fixture.table)).isEqualTo(heldAtPause + 1);
        ReconciliationReport report = new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, clock).reconcile();
        assertThat(report.drifts()).isEmpty();
    }

    private static APIGatewayV2HTTPResponse post(CheckoutFixture fixture, String buyer, String sku) {
        return fixture.post("pause-key-" + buyer, CheckoutFixture.checkout(TestDrops.DROP, buyer + "@example.com", sku, "1"));
    }

    private static int held(String table) {
        int held = 0;
        for (String sku : List.of("A", "B")) {
            held += Integer.parseInt(LocalDynamoDb.client().getItem(r -> r.tableName(table).consistentRead(true)
                    .key(TableKeys.sku(TestDrops.DROP, sku))).item().get("held").n());
        }
        return held;
    }
}
