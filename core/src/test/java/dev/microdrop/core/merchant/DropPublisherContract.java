package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.Drops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link DropPublisher} port promises (in memory, and on DynamoDB Local): a drop is
 * created once with its stock; a new version updates it in place without touching what is held or sold, names every
 * change, and is refused as a whole where the core's {@code Republish} rule says so.
 */
public abstract class DropPublisherContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));

    /**
     * An empty store, with the ports that read and hold what is published, and the {@code detail-type}s its outbox
     * holds, oldest first.
     */
    public record Store(DropPublisher publisher, DropReader reader, Inventory inventory,
                        java.util.function.Supplier<List<String>> outbox) {
    }

    protected abstract Store store();

    @Test
    void aDropIsCreated_thenUpdatedInPlace_keepingWhatIsHeld() {
        Store store = store();
        assertThat(store.publisher().publish(Drops.at(NOW).sku("A", 5).build(), NOW))
                .isEqualTo(new PublishResult.Created());
        hold(store, 2);

        PublishResult updated = store.publisher().publish(Drops.at(NOW).sku("A", 8).sku("B", 3).build(), NOW);

        assertThat(updated).isEqualTo(new PublishResult.Updated(List.of("SKU A: released 3 more units",
                "SKU A: units 5 -> 8", "SKU B: added with 3 units")));
        assertThat(level(store, "A")).isEqualTo(new StockLevel("A", 8, 6, 2, 0));
        assertThat(level(store, "B").available()).isEqualTo(3);
        assertThat(store.publisher().publish(Drops.at(NOW).sku("A", 8).sku("B", 3).build(), NOW))
                .as("the same version again").isEqualTo(new PublishResult.Updated(List.of()));
    }

    @Test
    void everyPublishWritesItsEvent_andARefusedOneNone() {
        Store store = store();
        Drop drop = Drops.at(NOW).sku("A", 5).build();
        store.publisher().publish(drop, NOW);
        store.publisher().publish(Drops.at(NOW).sku("A", 8).build(), NOW.plusSeconds(1));
        hold(store, 2);

        assertThat(store.publisher().publish(Drops.at(NOW).sku("A", 1).build(), NOW.plusSeconds(2)))
                .isInstanceOf(PublishResult.Refused.class);

        assertThat(store.outbox().get().stream().filter(type -> type.equals("DropPublished")).count())
                .as("created, updated; the refused publish wrote no event").isEqualTo(2);
    }

    @Test
    void unsoldUnitsAreWithdrawn_butNeverWhatIsHeld_andTheCurrencyStays() {
        Store store = store();
        store.publisher().publish(Drops.at(NOW).sku("A", 5).build(), NOW);
        hold(store, 2);

        assertThat(store.publisher().publish(Drops.at(NOW).sku("A", 3).build(), NOW))
                .isEqualTo(new PublishResult.Updated(List.of("SKU A: withdrew 2 unsold units", "SKU A: units 5 -> 3")));
        assertThat(store.publisher().publish(Drops.at(NOW).sku("A", 1).build(), NOW))
                .isInstanceOf(PublishResult.Refused.class);
        assertThat(level(store, "A")).isEqualTo(new StockLevel("A", 3, 1, 2, 0));
    }

    @Test
    void earlyAccessSharesStay_onceTheFirstWaveSetTheTranchesAside() {
        Store store = store();
        // The insiders' window is open: publishing releases the first wave and sets the tranches aside.
        store.publisher().publish(Drops.at(NOW).opensIn(java.time.Duration.ofMinutes(30)).sku("A", 10)
                .insiders(java.time.Duration.ofHours(1), 2_000, 1)
                .layer("past-buyers", java.time.Duration.ofMinutes(45), 3_000).build(), NOW);

        PublishResult refused = store.publisher().publish(Drops.at(NOW).opensIn(java.time.Duration.ofMinutes(30))
                .sku("A", 10).insiders(java.time.Duration.ofHours(1), 2_000, 1)
                .layer("past-buyers", java.time.Duration.ofMinutes(45)).build(), NOW);

        assertThat(refused).isInstanceOf(PublishResult.Refused.class);
        assertThat(((PublishResult.Refused) refused).reasons()).singleElement().asString()
                .startsWith("insiders: the first wave is out");
        assertThat(store.publisher().publish(Drops.at(NOW).opensIn(java.time.Duration.ofMinutes(30)).sku("A", 10)
                .insiders(java.time.Duration.ofHours(1), 2_000, 1)
                .layer("past-buyers", java.time.Duration.ofMinutes(40), 3_000).build(), NOW))
                .as("the layer's moment may move, its share not").isInstanceOf(PublishResult.Updated.class);
    }

    @Test
    void aClosedDropHoldsNothingMore() {
        Store store = store();
        Drop drop = Drops.at(NOW).sku("A", 5).build();
        store.publisher().publish(drop, NOW);

        assertThat(store.publisher().publish(drop.closedAt(NOW), NOW)).isInstanceOf(PublishResult.Updated.class);

        assertThat(store.inventory().hold(new HoldRequest(order("bob", 1), "key-bob", "fp", 4, NOW.plusSeconds(1))))
                .isEqualTo(new HoldResult.NotOpen());
    }

    private static void hold(Store store, int units) {
        assertThat(store.inventory().hold(new HoldRequest(order("ada", units), "key-ada", "fp", 4, NOW)))
                .isInstanceOf(HoldResult.Held.class);
    }

    private static Order order(String buyer, int units) {
        OrderLine line = new OrderLine("A", units, Drops.PRICE);
        return new Order(new OrderIds().next(NOW), Drops.DROP, BUYERS.of(buyer + "@example.com"),
                buyer + "@example.com", List.of(line), line.total(), new Fulfilment.Ship(new Address("Ada Lovelace",
                "Invalidenstrasse 1", null, "Berlin", "10115", "DE")), OrderStatus.HELD, NOW,
                NOW.plus(Duration.ofMinutes(10)));
    }

    private static StockLevel level(Store store, String sku) {
        return store.reader().read(Drops.DROP).orElseThrow().stockOf(sku).orElseThrow();
    }
}
