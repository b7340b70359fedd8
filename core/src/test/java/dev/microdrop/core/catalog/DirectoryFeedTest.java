package dev.microdrop.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The directory's selection and its availability rule, on the in-memory table: no I/O. */
class DirectoryFeedTest {

    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryTable table = new InMemoryTable(clock);
    private final DirectoryFeed feed = new DirectoryFeed(table, clock);

    @Test
    void directory_listsUpcomingAndOpenDrops_soonestFirst_andLeavesClosedOnesOut() {
        table.publish(Drops.at(NOW).id("later").opensIn(Duration.ofDays(3)).sku("A", 10).build(), NOW);
        table.publish(Drops.at(NOW).id("open-now").sku("A", 10).build(), NOW);
        table.publish(Drops.at(NOW).id("closed").opensIn(Duration.ofDays(-3)).openFor(Duration.ofDays(1))
                .sku("A", 10).build(), NOW);
        table.publish(Drops.at(NOW).id("soon").opensIn(Duration.ofHours(2)).sku("A", 10).build(), NOW);

        DirectoryView view = feed.directory();

        assertThat(view.serverTime()).isEqualTo(NOW);
        assertThat(view.entries()).extracting(e -> e.drop().dropId()).containsExactly("open-now", "soon", "later");
        assertThat(view.entries()).extracting(DirectoryEntry::status)
                .containsExactly(DropStatus.OPEN, DropStatus.SCHEDULED, DropStatus.SCHEDULED);
    }

    @Test
    void directory_dropsADropOnceItCloses() {
        table.publish(Drops.at(NOW).id("short").openFor(Duration.ofHours(2)).sku("A", 10).build(), NOW);
        assertThat(feed.directory().entries()).hasSize(1);

        clock.advance(Duration.ofHours(1));

        assertThat(feed.directory().entries()).isEmpty();
    }

    @Test
    void directory_isEmpty_whenNothingIsPublished() {
        assertThat(feed.directory().entries()).isEmpty();
    }

    @Test
    void entry_givesThePriceRangeOverAllSkus() {
        Drop drop = withPrices(900, 12_900, 4_500);

        DirectoryEntry entry = DirectoryFeed.entry(new DropSnapshot(drop, Map.of(), NOW), NOW);

        assertThat(entry.lowestPrice()).isEqualTo(Money.of(900, "EUR"));
        assertThat(entry.highestPrice()).isEqualTo(Money.of(12_900, "EUR"));
    }

    /**
     * 100 units in all: the low-stock line is 10. Units to sell are those available plus those later waves release;
     * held units count for nothing but keep a drop from being sold out.
     */
    @ParameterizedTest(name = "released {0}, available {1}, held {2}, preorders {3} -> {4}")
    @CsvSource({
            "100, 100, 0, false, IN_STOCK",
            "0, 0, 0, false, IN_STOCK",
            "100, 11, 0, false, IN_STOCK",
            "100, 10, 0, false, LIMITED_AVAILABILITY",
            "100, 1, 5, false, LIMITED_AVAILABILITY",
            "95, 5, 0, false, LIMITED_AVAILABILITY",
            "60, 0, 0, false, IN_STOCK",
            "100, 0, 3, false, LIMITED_AVAILABILITY",
            "100, 0, 3, true, LIMITED_AVAILABILITY",
            "100, 0, 0, false, SOLD_OUT",
            "100, 0, 0, true, PRE_ORDER",
    })
    void availability_fromTheStockLeftToSell(int released, int available, int held, boolean preorders,
            Availability expected) {
        Drops builder = Drops.at(NOW).sku("A", 100);
        Drop drop = (preorders ? builder.preorders(2_000, 10) : builder).build();
        StockLevel level = new StockLevel("A", released, available, held, released - available - held);

        assertThat(Availability.of(new DropSnapshot(drop, Map.of("A", level), NOW), NOW)).isEqualTo(expected);
    }

    @Test
    void availability_addsUpEverySku() {
        Drop drop = Drops.at(NOW).sku("A", 50).sku("B", 50).build();
        Map<String, StockLevel> stock = Map.of("A", new StockLevel("A", 50, 0, 0, 50),
                "B", new StockLevel("B", 50, 30, 0, 20));

        assertThat(Availability.of(new DropSnapshot(drop, stock, NOW), NOW)).isEqualTo(Availability.IN_STOCK);
    }

    @Test
    void availability_ofASoldOutDrop_isPreOrderOnlyUntilItCloses() {
        Drop drop = Drops.at(NOW).sku("A", 10).preorders(2_000, 10).build();
        DropSnapshot soldOut = new DropSnapshot(drop, Map.of("A", new StockLevel("A", 10, 0, 0, 10)), NOW);

        assertThat(Availability.of(soldOut, NOW)).isEqualTo(Availability.PRE_ORDER);
        assertThat(Availability.of(soldOut, drop.closesAt())).isEqualTo(Availability.SOLD_OUT);
    }

    private static Drop withPrices(long... prices) {
        Drop base = Drops.at(NOW).sku("A", 1).build();
        List<Sku> skus = new java.util.ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            skus.add(new Sku("S" + i, "p", "Product", "V" + i, new Money(prices[i], Currency.getInstance("EUR")), 1));
        }
        return new Drop(base.dropId(), base.name(), base.currency(), base.opensAt(), base.closesAt(),
                base.perBuyerLimit(), base.holdDuration(), base.shipping(), base.hubs(), skus, base.wavePlan());
    }
}
