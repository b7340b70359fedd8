package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The drops' events, in any order and repeated, fold into the same history. */
class ShopHistoriesTest {

    private static final Instant T = Instant.parse("2026-11-01T18:00:00Z");
    private static final String ADA = "b_00000000000000000000000000000ada";
    private static final String BO = "b_000000000000000000000000000000b0";

    private final List<DomainEvent> events = List.of(
            new DomainEvent.DropPublished("evt_d1_DropPublished_1", T.minusSeconds(86_400), "d1", "One",
                    T.minusSeconds(3600), T, T.plusSeconds(86_400), 100, List.of("kreuzberg"), null),
            // Republished later with more units: the later version is the drop.
            new DomainEvent.DropPublished("evt_d1_DropPublished_2", T.minusSeconds(7200), "d1", "One",
                    T.minusSeconds(3600), T, T.plusSeconds(86_400), 120, List.of("kreuzberg"), null),
            new DomainEvent.OrderHeld("evt_o1_OrderHeld", T.minusSeconds(1800), "d1", "o1", ADA,
                    List.of(new DomainEvent.Line("A", 2)), 5_000, "EUR", T.minusSeconds(1200), "pickup"),
            new DomainEvent.OrderPaid("evt_o1_OrderPaid", T.minusSeconds(1700), "d1", "o1", ADA,
                    List.of(new DomainEvent.Line("A", 2)), 5_000, "EUR", "pickup", false),
            new DomainEvent.PickupReady("evt_o1_PickupReady", T.plusSeconds(3600), "d1", "o1", ADA, "kreuzberg", null),
            new DomainEvent.PickupCollected("evt_o1_PickupCollected", T.plusSeconds(7200), "d1", "o1", ADA,
                    "kreuzberg"),
            new DomainEvent.OrderHeld("evt_o2_OrderHeld", T.plusSeconds(60), "d1", "o2", BO,
                    List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", T.plusSeconds(660), "ship"),
            new DomainEvent.OrderPaid("evt_o2_OrderPaid", T.plusSeconds(120), "d1", "o2", BO,
                    List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", "ship", false),
            new DomainEvent.OrderShipped("evt_o2_OrderShipped", T.plusSeconds(9000), "d1", "o2", BO, "DHL"),
            new DomainEvent.OrderRefunded("evt_o2_OrderRefunded", T.plusSeconds(20_000), "d1", "o2",
                    List.of(new DomainEvent.Line("A", 1)), false, "lost in transit"),
            new DomainEvent.PreorderPlaced("evt_o3_PreorderPlaced", T.plusSeconds(100), "d1", "o3", BO,
                    List.of(new DomainEvent.Line("A", 3)), 7_500, 1_500, "EUR", T.plusSeconds(700), "pickup"),
            new DomainEvent.PreorderReserved("evt_o3_PreorderReserved", T.plusSeconds(200), "d1", "o3",
                    List.of(new DomainEvent.Line("A", 3)), 1_500, "EUR"),
            // A held order never paid: no order of the history, and after the opening no early entry either.
            new DomainEvent.OrderHeld("evt_o4_OrderHeld", T.plusSeconds(300), "d1", "o4", BO,
                    List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", T.plusSeconds(900), "ship"));

    @Test
    void eventsInAnyOrder_andRepeated_foldIntoOneHistory() {
        ShopHistory expected = ShopHistories.fold(events, List.of(), List.of());
        for (int seed = 0; seed < 20; seed++) {
            List<DomainEvent> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, seed % events.size()));
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(ShopHistories.fold(shuffled, List.of(), List.of())).isEqualTo(expected);
        }

        assertThat(expected.drops()).containsExactly(new ShopDrop("d1", T, T.plusSeconds(86_400), 120));
        assertThat(expected.orders()).containsExactly(
                new ShopOrder("d1", "o1", new BuyerId(ADA), OrderStatus.PAID, T.minusSeconds(1700),
                        ShopOrder.Fulfilment.PICKUP, T.plusSeconds(3600), T.plusSeconds(7200), null, 2, 5_000, "EUR",
                        false),
                new ShopOrder("d1", "o2", new BuyerId(BO), OrderStatus.REFUNDED, T.plusSeconds(120),
                        ShopOrder.Fulfilment.SHIP, null, null, T.plusSeconds(9000), 1, 2_500, "EUR", false),
                new ShopOrder("d1", "o3", new BuyerId(BO), OrderStatus.RESERVED, null,
                        ShopOrder.Fulfilment.PICKUP, null, null, null, 3, 7_500, "EUR", true));
        assertThat(expected.earlyAccess()).as("ada held in the early window; bo only after the opening")
                .containsExactly(new EarlyAccessEntry(new BuyerId(ADA), "d1"));
    }

    @Test
    void theLoyaltyRule_countsBuyersStillPaidOrReserved_ofTheLastDrops() {
        ShopHistory history = ShopHistories.fold(events, List.of(), List.of());

        assertThat(new LoyaltyRule(1).eligible(history, "d2", T.plusSeconds(30 * 86_400)))
                .as("ada paid; bo's paid order was refunded but their pre-order's deposit is paid")
                .containsExactlyInAnyOrder(new BuyerId(ADA), new BuyerId(BO));
        assertThat(new LoyaltyRule(1).eligible(history, "d2", T)).as("d1 does not open before d2").isEmpty();
    }
}
