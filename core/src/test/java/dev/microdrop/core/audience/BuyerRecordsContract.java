package dev.microdrop.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.fulfilment.FulfilmentRecords;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.merchant.MerchantViews;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What every drop store's {@link BuyerRecords} and {@link BuyerErasure} promise: the export is the buyer's records
 * whole and no one else's; the erasure removes the e-mail and the ship-to address (the country kept) from the
 * buyer's orders, pick tickets and waitlist places, takes a waiting place out of the line, keeps lines, amounts and
 * statuses, leaves other buyers alone, and erases nothing more the second time. Run against the in-memory twin and
 * {@code DynamoDbBuyerErasure} on DynamoDB Local.
 */
public abstract class BuyerRecordsContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    protected static final BuyerId ADA = new BuyerId("b_" + "a".repeat(32));
    protected static final BuyerId GRACE = new BuyerId("b_" + "b".repeat(32));
    private static final Address HOME = new Address("Ada Lovelace", "12 Ockham Road", "Flat 3", "London", "E1 6AN",
            "GB");

    /** A store over the ports a drop's table implements, with {@code drop} published in it. */
    public record Store(BuyerRecords records, BuyerErasure erasure, Consumer<Order> orders, Waitlist waitlist,
                           FulfilmentRecords tasks, MerchantViews views) {
    }

    protected abstract Store store(Drop drop);

    private static Order order(String id, BuyerId buyer, String email, Fulfilment fulfilment, OrderStatus status) {
        return new Order(id, Drops.DROP, buyer, email, List.of(new OrderLine("A", 2, Drops.PRICE)),
                Money.of(5_000, "EUR"), fulfilment, status, NOW, NOW.plusSeconds(600));
    }

    /** A store with Ada's and Grace's records: two orders of Ada's (shipped, picked up), one of Grace's, their places. */
    protected Store seeded() {
        Store store = store(Drops.at(NOW).sku("A", 10).sku("B", 10).build());
        store.orders().accept(order("ord_ada_ship", ADA, "ada@example.com", new Fulfilment.Ship(HOME), OrderStatus.PAID));
        store.orders().accept(order("ord_ada_pickup", ADA, "ada@example.com", new Fulfilment.Pickup(Drops.HUB),
                OrderStatus.PAID));
        store.orders().accept(order("ord_grace", GRACE, "grace@example.com", new Fulfilment.Ship(HOME), OrderStatus.PAID));
        store.tasks().recordOnce(new FulfilmentTask.PickTicket("ord_ada_ship", Drops.DROP,
                List.of(new FulfilmentTask.Line("A", 2)), HOME, NOW));
        store.tasks().recordOnce(new FulfilmentTask.PickTicket("ord_grace", Drops.DROP,
                List.of(new FulfilmentTask.Line("A", 2)), HOME, NOW));
        store.waitlist().join(new WaitlistEntry(Drops.DROP, "B", ADA, "ada@example.com", 1, new Fulfilment.Ship(HOME),
                NOW));
        store.waitlist().join(new WaitlistEntry(Drops.DROP, "B", GRACE, "grace@example.com", 1,
                new Fulfilment.Pickup(Drops.HUB), NOW.plusSeconds(1)));
        store.views().recordInsiders(Drops.DROP, List.of(ADA), NOW.plusSeconds(3_600), NOW);
        return store;
    }

    @Test
    void export_thenTheBuyersOrdersPlacesAndPassesWhole_andNothingOfAnotherBuyer() {
        Store store = seeded();

        BuyerRecords.Kept ada = store.records().export(ADA);

        assertThat(ada.orders()).extracting(Order::orderId).containsExactlyInAnyOrder("ord_ada_ship", "ord_ada_pickup");
        assertThat(ada.orders()).allSatisfy(o -> assertThat(o.buyerEmail()).isEqualTo("ada@example.com"));
        assertThat(ada.orders()).filteredOn(o -> o.orderId().equals("ord_ada_ship")).singleElement()
                .satisfies(o -> assertThat(o.fulfilment()).isEqualTo(new Fulfilment.Ship(HOME)));
        assertThat(ada.waitlist()).singleElement().satisfies(p -> {
            assertThat(p.entry().sku()).isEqualTo("B");
            assertThat(p.entry().buyerEmail()).isEqualTo("ada@example.com");
            assertThat(p.status()).isEqualTo("WAITING");
        });
        assertThat(ada.insiderPasses()).containsExactly(new BuyerRecords.InsiderPass(Drops.DROP, NOW));
        assertThat(store.records().export(GRACE).orders()).extracting(Order::orderId).containsExactly("ord_grace");
        assertThat(store.records().export(new BuyerId("b_" + "c".repeat(32))).isEmpty()).isTrue();
    }

    @Test
    void erase_thenNoEmailNorAddressLeft_amountsAndStatusesKept_otherBuyersUntouched_andAgainNothingMore() {
        Store store = seeded();
        BuyerRecords.Kept grace = store.records().export(GRACE);

        BuyerErasure.Erased erased = store.erasure().erase(ADA, NOW.plusSeconds(60));

        assertThat(erased.recordsByKind()).isEqualTo(Map.of(BuyerErasure.ORDERS, 2, BuyerErasure.PICK_TICKETS, 1,
                BuyerErasure.WAITLIST_PLACES, 1));
        BuyerRecords.Kept ada = store.records().export(ADA);
        assertThat(ada.orders()).extracting(Order::orderId).containsExactlyInAnyOrder("ord_ada_ship", "ord_ada_pickup");
        assertThat(ada.orders()).allSatisfy(o -> {
            assertThat(o.buyerEmail()).isNull();
            assertThat(o.amount()).isEqualTo(Money.of(5_000, "EUR"));
            assertThat(o.lines()).containsExactly(new OrderLine("A", 2, Drops.PRICE));
            assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        });
        assertThat(ada.orders()).filteredOn(o -> o.orderId().equals("ord_ada_ship")).singleElement()
                .satisfies(o -> assertThat(o.fulfilment()).isEqualTo(new Fulfilment.Ship(HOME.erased())));
        assertThat(ada.orders()).filteredOn(o -> o.orderId().equals("ord_ada_pickup")).singleElement()
                .satisfies(o -> assertThat(o.fulfilment()).isEqualTo(new Fulfilment.Pickup(Drops.HUB)));
        assertThat(ada.waitlist()).singleElement().satisfies(p -> {
            assertThat(p.entry().buyerEmail()).isNull();
            assertThat(p.entry().fulfilment()).isEqualTo(new Fulfilment.Ship(HOME.erased()));
            assertThat(p.entry().quantity()).isEqualTo(1);
            assertThat(p.status()).as("an erased buyer is offered nothing").isEqualTo("SKIPPED");
        });
        assertThat(store.waitlist().waiting(Drops.DROP, "B", 10)).extracting(WaitlistEntry::buyerId)
                .containsExactly(GRACE);
        assertThat(store.records().export(GRACE)).isEqualTo(grace);

        BuyerErasure.Erased again = store.erasure().erase(ADA, NOW.plusSeconds(120));

        assertThat(again.total()).isZero();
        assertThat(store.records().export(ADA)).isEqualTo(ada);
    }

    @Test
    void erase_aStranger_thenNothingCountedAndNothingChanged() {
        Store store = seeded();
        BuyerRecords.Kept ada = store.records().export(ADA);

        assertThat(store.erasure().erase(new BuyerId("b_" + "c".repeat(32)), NOW).total()).isZero();

        assertThat(store.records().export(ADA)).isEqualTo(ada);
    }
}
