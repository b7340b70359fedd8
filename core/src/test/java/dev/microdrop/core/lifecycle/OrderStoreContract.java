package dev.microdrop.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.PreorderResult;
import dev.microdrop.core.testing.Drops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link OrderStore} port promises, run against each of them (in memory for the
 * core's unit tests, on DynamoDB Local for the adapter): a transition is applied whole or not at all, once per
 * provider event, only from the statuses it names, and only with the units it moves; what refused it is reported.
 */
public abstract class OrderStoreContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));
    private static final OrderIds IDS = new OrderIds();

    /** A drop published where the implementation keeps it: stock to hold, and the orders' store. */
    protected interface Published {

        Inventory inventory();

        OrderStore orders();

        DropReader reader();
    }

    /** Publishes {@code drop} at {@link #NOW} into a fresh store. */
    protected abstract Published publish(dev.microdrop.core.drop.Drop drop);

    @Test
    void aPaymentMovesHeldToSold_once() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        Order order = held(drop, "ada", SHIP, 2);

        assertThat(drop.orders().apply(paid(order, "evt_pay_1"))).isEqualTo(new TransitionResult.Applied());
        assertThat(drop.orders().apply(paid(order, "evt_pay_1"))).as("redelivered")
                .isEqualTo(new TransitionResult.EventAlreadyApplied());

        assertThat(drop.orders().find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(level(drop)).isEqualTo(new StockLevel("A", 5, 3, 0, 2));
    }

    @Test
    void aTransitionFromAnotherStatus_reportsTheStatusItFound() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        Order order = held(drop, "ada", SHIP, 1);
        drop.orders().apply(paid(order, "evt_pay_1"));

        assertThat(drop.orders().apply(expiry(order, order.holdExpiresAt())))
                .isEqualTo(new TransitionResult.StatusChanged(OrderStatus.PAID));
        assertThat(level(drop)).isEqualTo(new StockLevel("A", 5, 4, 0, 1));
    }

    @Test
    void anExpiryBeforeTheHoldsEnd_isNotDue_andAtItsEnd_releasesTheUnitsTheSeatAndTheBuyersTotal() {
        Slot slot = Slot.of(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 1);
        Published drop = publish(Drops.at(NOW).limit(2).sku("A", 5).hub("hub-two", slot).build());
        Order order = held(drop, "ada", new Fulfilment.Pickup("hub-two", slot.slotId()), 2);

        assertThat(drop.orders().apply(expiry(order, order.holdExpiresAt().minusSeconds(1))))
                .isEqualTo(new TransitionResult.NotDue());
        assertThat(drop.orders().apply(expiry(order, order.holdExpiresAt()))).isEqualTo(new TransitionResult.Applied());

        assertThat(level(drop)).isEqualTo(new StockLevel("A", 5, 5, 0, 0));
        assertThat(drop.reader().read(Drops.DROP).orElseThrow().seatsLeft("hub-two", slot.slotId())).isEqualTo(1);
        assertThat(drop.inventory().hold(new HoldRequest(order(order.buyerEmail().split("@")[0], SHIP, 2), "key-again",
                "fp", 2, NOW))).as("the buyer's total went down").isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void aLatePaymentWithNothingLeft_namesTheShortLine_andChangesNothing() {
        Published drop = publish(Drops.at(NOW).sku("A", 1).build());
        Order order = held(drop, "ada", SHIP, 1);
        drop.orders().apply(expiry(order, order.holdExpiresAt()));
        held(drop, "bob", SHIP, 1);

        Transition late = new Transition(order, Set.of(OrderStatus.EXPIRED), OrderStatus.PAID, StockMove.LATE_SALE,
                1, List.of(), "evt_late_1", null, Map.of("paidAt", NOW.toString()), "late payment", NOW);

        assertThat(drop.orders().apply(late)).isEqualTo(new TransitionResult.NotEnoughStock(List.of(0)));
        assertThat(drop.orders().find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(drop.orders().recordEvent("evt_late_1", order.orderId(), "late, nothing left"))
                .as("the refused transition did not apply its event").isTrue();
    }

    @Test
    void aProviderEventIsRecordedOnce_withItsEvent_andAnIntentFindsItsOrder() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        Order order = held(drop, "ada", SHIP, 1);
        DomainEvent rejected = new DomainEvent.PaymentRejected("evt_rejected_" + order.orderId(), NOW, Drops.DROP,
                order.orderId(), "evt_forged_1", "payment_intent.succeeded", "wrong-intent", "pi_other", 2_500, "EUR",
                2_500, "EUR");

        assertThat(drop.orders().recordEvent("evt_forged_1", order.orderId(), "forged", rejected)).isTrue();
        assertThat(drop.orders().recordEvent("evt_forged_1", order.orderId(), "forged", rejected)).isFalse();
        assertThat(drop.orders().recordDispute(order.orderId(), "evt_dispute_1", "needs_response"))
                .isEqualTo(new TransitionResult.Applied());
        assertThat(drop.orders().recordDispute(order.orderId(), "evt_dispute_1", "needs_response"))
                .isEqualTo(new TransitionResult.EventAlreadyApplied());

        drop.orders().recordIntent(new PaymentIntent("test", "pi_balance_1", null), order.orderId());
        assertThat(drop.orders().orderIdForIntent("pi_balance_1")).contains(order.orderId());
        assertThat(drop.orders().orderIdForIntent("pi_nobody")).isEmpty();
        assertThat(drop.orders().find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.HELD);
    }

    @Test
    void aPreOrderLeaving_givesItsUnitsBackToTheCapacity() {
        Published drop = publish(Drops.at(NOW).sku("A", 0).preorders(2_000, 3).build());
        Order first = preorder("ada", 2);
        drop.inventory().preorder(new HoldRequest(first, "key-ada-1", "fp", 4, NOW));

        assertThat(drop.orders().apply(new Transition(first, Set.of(OrderStatus.HELD), OrderStatus.CANCELLED, null,
                -2, List.of(), null, null, Map.of(), "pre-order cancelled", NOW, 2)))
                .isEqualTo(new TransitionResult.Applied());
        assertThat(drop.inventory().preorder(new HoldRequest(preorder("bob", 3), "key-bob-1", "fp", 4, NOW)))
                .as("all 3 units free again").isInstanceOf(PreorderResult.Placed.class);
    }

    private static Transition paid(Order order, String eventId) {
        return new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.PAID, StockMove.SALE, 0, List.of(),
                eventId, null, Map.of("paidAt", NOW.toString()), "payment succeeded", NOW);
    }

    private static Transition expiry(Order order, Instant notBefore) {
        return new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.EXPIRED, StockMove.RELEASE,
                -order.units(), List.of(), null, notBefore, Map.of(), "hold expired", NOW);
    }

    private static Order held(Published drop, String buyer, Fulfilment fulfilment, int units) {
        Order order = order(buyer, fulfilment, units);
        assertThat(drop.inventory().hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 4, NOW)))
                .isInstanceOf(HoldResult.Held.class);
        return order;
    }

    private static Order order(String buyer, Fulfilment fulfilment, int units) {
        OrderLine line = new OrderLine("A", units, Drops.PRICE);
        return new Order(IDS.next(NOW), Drops.DROP, BUYERS.of(buyer + "@example.com"), buyer + "@example.com",
                List.of(line), line.total(), fulfilment, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
    }

    private static Order preorder(String buyer, int units) {
        Order order = order(buyer, SHIP, units);
        return new Order(order.orderId(), order.dropId(), order.buyerId(), order.buyerEmail(), order.lines(),
                order.amount(), order.fulfilment(), OrderStatus.HELD, NOW, order.holdExpiresAt(), OrderKind.PREORDER,
                Money.of(order.amount().minorUnits() / 5, "EUR"));
    }

    private static StockLevel level(Published drop) {
        return drop.reader().read(Drops.DROP).orElseThrow().stockOf("A").orElseThrow();
    }
}
