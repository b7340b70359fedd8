package dev.microdrop.core.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache's own rules, without a table: a counting {@link DropReader} stands in for the port (the adapter's
 * side is proven against DynamoDB Local in the catalog tests).
 */
class CachedDropReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final SlowReader table = new SlowReader();
    private final CachedDropReader cache = new CachedDropReader(table, clock, Duration.ofSeconds(2));

    @Test
    void concurrentMisses_shareOneLoad() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<DropSnapshot>>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return cache.read("drop");
            }));
        }
        start.countDown();
        for (Future<Optional<DropSnapshot>> result : results) {
            assertThat(result.get()).isPresent();
        }
        pool.shutdown();

        assertThat(table.loads.get()).isEqualTo(1);
    }

    @Test
    void aReadIsServedUntilTheWindowEnds_thenReloaded() {
        cache.read("drop");
        clock.advance(Duration.ofMillis(1_999));
        cache.read("drop");
        assertThat(table.loads.get()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        cache.read("drop");
        assertThat(table.loads.get()).isEqualTo(2);
    }

    @Test
    void aFailedLoadIsNotCached() {
        table.fail = true;
        assertThatThrownBy(() -> cache.read("drop")).hasMessage("table unavailable");
        table.fail = false;

        assertThat(cache.read("drop")).isPresent();
        assertThat(table.loads.get()).isEqualTo(2);
    }

    @Test
    void learn_updatesTheCachedCountersWithoutAReload() {
        cache.read("drop");

        cache.learn("drop", new StockLevel("A", 10, 0, 10, 0));

        assertThat(cache.read("drop").orElseThrow().available("A")).isZero();
        assertThat(table.loads.get()).isEqualTo(1);
    }

    private final class SlowReader implements DropReader {
        final AtomicInteger loads = new AtomicInteger();
        volatile boolean fail;

        @Override
        public Optional<DropSnapshot> read(String dropId) {
            loads.incrementAndGet();
            if (fail) {
                throw new IllegalStateException("table unavailable");
            }
            sleep();
            Drop drop = new Drop(dropId, "Drop", Currency.getInstance("EUR"), NOW, NOW.plusSeconds(3_600), 2,
                    Duration.ofMinutes(10), true, List.of(),
                    List.of(new Sku("A", "a", "A", "One", Money.of(100, "EUR"), 10)), WavePlan.standard(NOW));
            return Optional.of(new DropSnapshot(drop, Map.of("A", new StockLevel("A", 10, 10, 0, 0)), clock.instant()));
        }

        @Override
        public List<DropSummary> list() {
            return List.of();
        }

        private void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
