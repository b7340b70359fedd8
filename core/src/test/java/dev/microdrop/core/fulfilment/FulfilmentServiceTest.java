package dev.microdrop.core.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.InMemoryFulfilmentRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FulfilmentServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Address ADA = new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE");

    private final Map<String, Order> orders = new HashMap<>();
    private final InMemoryFulfilmentRecords records = new InMemoryFulfilmentRecords();
    private final FulfilmentService service = new FulfilmentService(id -> Optional.ofNullable(orders.get(id)), records,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void fulfil_whenPaidOrderShips_thenCreatesPickTicketWithAddressAndLinesWithoutPrices() {
        orders.put("ord_1", order("ord_1", new Fulfilment.Ship(ADA), OrderStatus.PAID));

        FulfilmentOutcome outcome = service.fulfil("ord_1");

        FulfilmentTask expected = new FulfilmentTask.PickTicket("ord_1", "neon-runners",
                List.of(new FulfilmentTask.Line("NR-42", 2), new FulfilmentTask.Line("NR-43", 1)), ADA, NOW);
        assertThat(outcome).isEqualTo(new FulfilmentOutcome.Created(expected));
        assertThat(records.tasks()).containsExactly(Map.entry("ord_1", expected));
    }

    @Test
    void fulfil_whenPaidOrderIsPickedUp_thenCreatesPickupNoticeForTheHubWithoutSlot() {
        orders.put("ord_2", order("ord_2", new Fulfilment.Pickup("hub-one"), OrderStatus.PAID));

        FulfilmentOutcome outcome = service.fulfil("ord_2");

        assertThat(outcome).isEqualTo(new FulfilmentOutcome.Created(new FulfilmentTask.PickupNotice("ord_2",
                "neon-runners", List.of(new FulfilmentTask.Line("NR-42", 2), new FulfilmentTask.Line("NR-43", 1)),
                "hub-one", null, NOW)));
    }

    @Test
    void fulfil_whenOrderAlreadyHasItsTask_thenAlreadyDoneAndTheFirstTaskStays() {
        orders.put("ord_1", order("ord_1", new Fulfilment.Pickup("hub-one"), OrderStatus.PAID));
        FulfilmentOutcome first = service.fulfil("ord_1");

        FulfilmentOutcome second = service.fulfil("ord_1");

        assertThat(second).isEqualTo(new FulfilmentOutcome.AlreadyDone());
        assertThat(records.tasks()).containsExactly(Map.entry("ord_1", ((FulfilmentOutcome.Created) first).task()));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"REFUNDED", "CANCELLED", "EXPIRED"})
    void fulfil_whenOrderIsNoLongerPaid_thenNotPaidAndNothingRecorded(OrderStatus status) {
        orders.put("ord_1", order("ord_1", new Fulfilment.Ship(ADA), status));

        assertThat(service.fulfil("ord_1")).isEqualTo(new FulfilmentOutcome.NotPaid(status));
        assertThat(records.tasks()).isEmpty();
    }

    @Test
    void fulfil_whenOrderDoesNotExist_thenOrderNotFoundAndNothingRecorded() {
        assertThat(service.fulfil("ord_missing")).isEqualTo(new FulfilmentOutcome.OrderNotFound());
        assertThat(records.tasks()).isEmpty();
    }

    @Test
    void fulfil_whenOrderIsStillHeld_thenThrowsSoTheMessageIsRetriedNotDropped() {
        orders.put("ord_1", order("ord_1", new Fulfilment.Pickup("hub-one"), OrderStatus.HELD));

        assertThatThrownBy(() -> service.fulfil("ord_1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ord_1");
        assertThat(records.tasks()).isEmpty();
    }

    @Test
    void pickTicket_toString_neverShowsTheAddress() {
        FulfilmentTask task = new FulfilmentTask.PickTicket("ord_1", "neon-runners", List.of(), ADA, NOW);

        assertThat(task.toString()).contains("ord_1").doesNotContain("Ada", "Invalidenstrasse", "10115", "Berlin");
    }

    private static Order order(String orderId, Fulfilment fulfilment, OrderStatus status) {
        return new Order(orderId, "neon-runners", new BuyerId("b_0123456789abcdef0123456789abcdef"),
                "ada@example.com",
                List.of(new OrderLine("NR-42", 2, Money.of(2_500, "EUR")), new OrderLine("NR-43", 1, Money.of(4_000, "EUR"))),
                Money.of(9_000, "EUR"), fulfilment, status, NOW.minusSeconds(600), NOW.minusSeconds(60));
    }
}
