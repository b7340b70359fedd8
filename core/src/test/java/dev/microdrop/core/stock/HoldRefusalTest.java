package dev.microdrop.core.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a refused hold means, from the facts the write returned: the rules in the order a buyer hears them. */
class HoldRefusalTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final Instant OPENED = NOW.minus(Duration.ofHours(1));
    private static final Instant CLOSES = NOW.plus(Duration.ofDays(1));

    private static HoldRequest request(boolean insider, Set<String> flash, Fulfilment fulfilment) {
        Order order = new Order("ord_01M8HN0VJM7Q2XW4K9DZB3N6PR", "drop",
                new BuyerId("b_3f2a9c1d7e5b4a60918c2d3e4f5a6b7c"), "a@example.com",
                List.of(new OrderLine("A", 2, Money.of(900, "EUR"))), Money.of(1_800, "EUR"), fulfilment,
                OrderStatus.HELD, NOW, NOW.plusSeconds(600));
        return new HoldRequest(order, "key-00000001", "fp", 2, NOW, insider, flash);
    }

    private static HoldRequest request() {
        return request(false, Set.of(), new Fulfilment.Pickup("hub"));
    }

    private static HoldRefusal.LineSeen seen(Instant opensAt, Instant insiderOpensAt, boolean paused,
            Instant flashUntil, int available, int insiderReserved) {
        return new HoldRefusal.LineSeen(new StockLevel("A", 10, available, 10 - available, 0), opensAt, CLOSES,
                insiderOpensAt, paused, flashUntil, insiderReserved);
    }

    private static Optional<HoldResult> of(HoldRequest request, HoldRefusal.LineSeen line, boolean slotFull,
            Optional<Integer> buyer) {
        return HoldRefusal.of(request, new HoldRefusal.Facts(line == null ? List.of() : List.of(line), buyer,
                slotFull));
    }

    @Test
    void notOpenYet_isNotOpen_beforeAnythingElse() {
        assertThat(of(request(), seen(NOW.plusSeconds(1), null, true, null, 0, 0), true, Optional.of(2)))
                .contains(new HoldResult.NotOpen());
        assertThat(of(request(true, Set.of(), new Fulfilment.Pickup("hub")),
                seen(NOW.plusSeconds(60), null, false, null, 5, 3), false, Optional.empty()))
                .as("an insider of a drop without early access").contains(new HoldResult.NotOpen());
    }

    @Test
    void aPausedDrop_isPaused_thenAFlashWindowThatIsNotTheBuyers_isFlashWindow() {
        assertThat(of(request(), seen(OPENED, null, true, null, 0, 0), false, Optional.empty()))
                .contains(new HoldResult.Paused());
        Instant until = NOW.plusSeconds(300);
        assertThat(of(request(), seen(OPENED, null, false, until, 5, 5), false, Optional.empty()))
                .contains(new HoldResult.FlashWindow("A", until));
        assertThat(of(request(false, Set.of("A"), new Fulfilment.Pickup("hub")),
                seen(OPENED, null, false, NOW.minusSeconds(1), 5, 5), false, Optional.empty()))
                .as("a flash hold after its window ended")
                .contains(new HoldResult.FlashWindow("A", NOW.minusSeconds(1)));
    }

    @Test
    void shortUnits_areOutOfStock_andAnInsiderIsShortOfTheTranche() {
        assertThat(of(request(), seen(OPENED, null, false, null, 1, 0), false, Optional.empty()))
                .contains(new HoldResult.OutOfStock(List.of(new StockLevel("A", 10, 1, 9, 0))));
        Optional<HoldResult> insider = of(request(true, Set.of(), new Fulfilment.Pickup("hub")),
                seen(NOW.minusSeconds(10), NOW.minusSeconds(60), false, null, 8, 1), false, Optional.empty());
        assertThat(insider).hasValueSatisfying(r -> assertThat(((HoldResult.OutOfStock) r).levels().getFirst()
                .available()).isEqualTo(1));
    }

    @Test
    void aFullSlot_whenNoLineIsShort_thenTheLimit_thenNothingNamed() {
        HoldRequest slot = request(false, Set.of(), new Fulfilment.Pickup("hub", "slot-1"));
        assertThat(of(slot, null, true, Optional.empty())).contains(new HoldResult.SlotFull("hub", "slot-1"));
        assertThat(of(slot, seen(OPENED, null, false, null, 1, 0), true, Optional.empty()))
                .as("short units say more than a full slot").containsInstanceOf(HoldResult.OutOfStock.class);
        assertThat(of(request(), null, false, Optional.of(2))).contains(new HoldResult.OverLimit(2));
        assertThat(of(request(), null, false, Optional.empty())).as("a conflict: retry").isEmpty();
    }
}
