package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.lifecycle.StockMove;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistEntry;
import dev.microdrop.core.waves.WaveReleases;
import dev.microdrop.core.waves.WaveService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link MerchantViews} port promises (in memory, and on DynamoDB Local): who owns a
 * drop and which drops a merchant has, its orders as the merchant sees them (no e-mail, no address), its buyers
 * elsewhere, what each wave released, its ledger, its waitlists and the insiders given a token.
 */
public abstract class MerchantViewsContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final OrderIds IDS = new OrderIds();
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));

    /** Drops published at {@link #NOW} into one store, with the ports that write what the views read. */
    public record Published(MerchantViews views, Inventory inventory, OrderStore orders, DropReader reader,
                            WaveReleases releases, Waitlist waitlist, StockAdjustments adjustments) {
    }

    protected abstract Published publish(Drop... drops);

    @Test
    void aDropIsItsFirstClaimantsOnly() {
        Published store = publish(Drops.at(NOW).sku("A", 5).build());

        assertThat(store.views().claim(Drops.DROP, "merchant-a")).isTrue();
        assertThat(store.views().claim(Drops.DROP, "merchant-a")).as("again").isTrue();
        assertThat(store.views().claim(Drops.DROP, "merchant-b")).isFalse();
        assertThat(store.views().owner(Drops.DROP)).contains("merchant-a");
        assertThat(store.views().owner("nobodys-drop")).isEmpty();
    }

    @Test
    void anOrderRowSaysWhatWasBoughtAndPaid_withoutTheBuyersEmail() {
        Published store = publish(Drops.at(NOW).sku("A", 5).build());
        Order order = held(store, Drops.DROP, "ada", 2);
        store.orders().apply(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.PAID, StockMove.SALE, 0,
                List.of(), "evt_paid_1", null, Map.of("paidAt", NOW.toString()), "payment succeeded", NOW));

        assertThat(store.views().orders(Drops.DROP)).singleElement().satisfies(row -> {
            assertThat(row.orderId()).isEqualTo(order.orderId());
            assertThat(row.buyerId()).isEqualTo(order.buyerId().value());
            assertThat(row.status()).isEqualTo(OrderStatus.PAID);
            assertThat(row.paidAt()).isEqualTo(NOW);
            assertThat(row.units()).isEqualTo(Map.of("A", 2));
            assertThat(row.amountMinorUnits()).isEqualTo(5_000);
            assertThat(row.toString()).doesNotContain("ada@example.com", "Invalidenstrasse");
        });
    }

    @Test
    void aBuyerElsewhereHoldsUnitsOfAnotherDrop() {
        Published store = publish(Drops.at(NOW).sku("A", 5).build(), Drops.at(NOW).id("other-drop").sku("A", 5).build());
        Order ada = held(store, Drops.DROP, "ada", 1);
        held(store, "other-drop", "ada", 1);
        Order bob = held(store, Drops.DROP, "bob", 1);

        assertThat(store.views().buyersElsewhere(Drops.DROP, Set.of(ada.buyerId().value(), bob.buyerId().value())))
                .containsExactly(ada.buyerId().value());
    }

    @Test
    void eachWavesUnitsAreCounted_theWaitlistAndTheInsidersSeen() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).waves(2).sku("A", 10).build();
        Published store = publish(drop);
        new WaveService(store.reader(), store.releases(), Clock.fixed(NOW, ZoneOffset.UTC)).fire(Drops.DROP, 2);
        store.waitlist().join(new WaitlistEntry(Drops.DROP, "A", BUYERS.of("cy@example.com"), "cy@example.com", 1,
                SHIP, NOW));
        store.views().recordInsiders(Drops.DROP, List.of(BUYERS.of("ada@example.com"), BUYERS.of("bob@example.com")),
                NOW.plusSeconds(3_600), NOW);
        store.views().recordInsiders(Drops.DROP, List.of(BUYERS.of("ada@example.com")), NOW.plusSeconds(7_200), NOW);

        assertThat(store.views().releasedByWave(Drops.DROP, drop.skus())).isEqualTo(Map.of(1, 5, 2, 5));
        assertThat(store.views().waitlist(Drops.DROP, List.of("A"))).containsExactly(
                new WaitlistRow("A", BUYERS.of("cy@example.com").value(), "WAITING", null));
        assertThat(store.views().insiders(Drops.DROP)).containsExactlyInAnyOrder(
                BUYERS.of("ada@example.com").value(), BUYERS.of("bob@example.com").value());
    }

    @Test
    void aMerchantsDrops_areThePublishedOnesTheyClaimed() {
        Published store = publish(Drops.at(NOW).sku("A", 5).build(), Drops.at(NOW).id("second-drop").sku("A", 5).build(),
                Drops.at(NOW).id("their-drop").sku("A", 5).build());
        store.views().claim(Drops.DROP, "merchant-a");
        store.views().claim("second-drop", "merchant-a");
        store.views().claim("their-drop", "merchant-b");
        store.views().claim("never-published", "merchant-a");

        assertThat(store.views().dropsOf("merchant-a")).containsExactlyInAnyOrder(Drops.DROP, "second-drop");
        assertThat(store.views().dropsOf("merchant-b")).containsExactly("their-drop");
        assertThat(store.views().dropsOf("merchant-c")).isEmpty();
    }

    @Test
    void theLedger_hasOneEntryPerMovement_ofEverySkuAndStockShard_asWritten() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).waves(2).sku("A", 10).shardedSku("S", 4, 2).build();
        Published store = publish(drop, Drops.at(NOW).id("other-drop").sku("A", 5).build());
        Order order = held(store, Drops.DROP, "ada", 2);
        store.orders().apply(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.PAID, StockMove.SALE, 0,
                List.of(), "evt_paid_1", null, Map.of("paidAt", NOW.toString()), "payment succeeded", NOW));
        new WaveService(store.reader(), store.releases(), Clock.fixed(NOW, ZoneOffset.UTC)).fire(Drops.DROP, 2);
        store.adjustments().adjust(Drops.DROP, "A", null, 3, "found in the back room", NOW);
        held(store, "other-drop", "bob", 1);

        String adjustment = "ADJUST#" + NOW.toEpochMilli() + "#" + Math.abs("found in the back room".hashCode());
        assertThat(store.views().ledger(Drops.DROP, drop.skus())).containsExactlyInAnyOrder(
                new LedgerEntry("A", "WAVE#1", NOW, "RELEASE_WAVE", null, null, null, 5, 5, 0, 0,
                        "waves 1..1 due at publishing"),
                new LedgerEntry("S", "WAVE#1#0", NOW, "RELEASE_WAVE", null, null, 0, 1, 1, 0, 0,
                        "waves 1..1 due at publishing"),
                new LedgerEntry("S", "WAVE#1#1", NOW, "RELEASE_WAVE", null, null, 1, 1, 1, 0, 0,
                        "waves 1..1 due at publishing"),
                new LedgerEntry("A", order.orderId() + "#HOLD", NOW, "HOLD", order.orderId(), null, null, 0, -2, 2, 0,
                        "checkout"),
                new LedgerEntry("A", order.orderId() + "#SALE", NOW, "SALE", order.orderId(), null, null, 0, 0, -2, 2,
                        "payment succeeded"),
                new LedgerEntry("A", adjustment, NOW, "ADJUST", null, null, null, 3, 3, 0, 0, "found in the back room"),
                new LedgerEntry("A", "WAVE#2", NOW, "RELEASE_WAVE", null, null, null, 5, 5, 0, 0, "wave 2"),
                new LedgerEntry("S", "WAVE#2#0", NOW, "RELEASE_WAVE", null, null, 0, 1, 1, 0, 0, "wave 2"),
                new LedgerEntry("S", "WAVE#2#1", NOW, "RELEASE_WAVE", null, null, 1, 1, 1, 0, 0, "wave 2"));
        assertThat(store.views().ledger(Drops.DROP, List.of(drop.sku("S").orElseThrow())))
                .extracting(LedgerEntry::sku).containsOnly("S");
    }

    private static Order held(Published store, String dropId, String buyer, int units) {
        OrderLine line = new OrderLine("A", units, Drops.PRICE);
        Order order = new Order(IDS.next(NOW), dropId, BUYERS.of(buyer + "@example.com"), buyer + "@example.com",
                List.of(line), line.total(), SHIP, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
        store.inventory().hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 4, NOW));
        return order;
    }
}
