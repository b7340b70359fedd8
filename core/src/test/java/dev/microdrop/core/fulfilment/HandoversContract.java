package dev.microdrop.core.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.lifecycle.StockMove;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.lifecycle.TransitionResult;
import dev.microdrop.core.merchant.FulfilmentRow;
import dev.microdrop.core.merchant.MerchantViews;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link Handovers} port promises (in memory and on DynamoDB Local): each step is
 * written once, only on a paid order of the right kind in the right state, leaves the order's status alone (a refund
 * after collection still applies), and the merchant's views read the facts back.
 */
public abstract class HandoversContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));
    private static final Fulfilment PICKUP = new Fulfilment.Pickup(Drops.HUB);
    private static final OrderIds IDS = new OrderIds();
    private static final Instant READY = NOW.plus(Duration.ofHours(2));
    private static final Instant COLLECTED = NOW.plus(Duration.ofHours(5));

    /** A drop published where the implementation keeps it. */
    protected interface Published {

        Inventory inventory();

        OrderStore orders();

        Handovers handovers();

        MerchantViews views();
    }

    protected abstract Published publish(Drop drop);

    @Test
    void aPaidPickup_isMadeReadyOnce_thenCollectedOnce_andARefundStillApplies() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        Order order = paid(drop, held(drop, PICKUP));

        assertThat(drop.handovers().markReady(order.orderId(), READY, "7KQ2XM", event(order, "PickupReady"))).isTrue();
        assertThat(drop.handovers().markReady(order.orderId(), COLLECTED, "AAAAAA", event(order, "PickupReady")))
                .as("made ready again").isFalse();
        assertThat(drop.handovers().markCollected(order.orderId(), COLLECTED, event(order, "PickupCollected")))
                .isTrue();
        assertThat(drop.handovers().markCollected(order.orderId(), COLLECTED.plusSeconds(1),
                event(order, "PickupCollected"))).as("collected again").isFalse();

        Order read = drop.orders().find(order.orderId()).orElseThrow();
        assertThat(read.status()).isEqualTo(OrderStatus.PAID);
        assertThat(read.handover()).isEqualTo(new Handover(READY, "7KQ2XM", COLLECTED, null, null, null));
        assertThat(drop.views().fulfilment(Drops.DROP, List.of(order.orderId(), "ord_missing")))
                .containsExactly(new FulfilmentRow(order.orderId(), Drops.HUB, READY, COLLECTED, null));

        assertThat(drop.orders().apply(new Transition(read, Set.of(OrderStatus.PAID), OrderStatus.REFUNDED,
                StockMove.REFUND_RESTOCK, -read.units(), List.of(), "evt_refund_1", null,
                Map.of("refundReason", "refunded"), "refunded", COLLECTED.plusSeconds(60))))
                .isEqualTo(new TransitionResult.Applied());
        Order refunded = drop.orders().find(order.orderId()).orElseThrow();
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.handover()).as("the facts stay").isEqualTo(read.handover());
    }

    @Test
    void aPaidShipment_isShippedOnce_andNeverMadeReady() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        Order order = paid(drop, held(drop, SHIP));

        assertThat(drop.handovers().markReady(order.orderId(), READY, "7KQ2XM", event(order, "PickupReady")))
                .isFalse();
        assertThat(drop.handovers().markCollected(order.orderId(), READY, event(order, "PickupCollected"))).isFalse();
        assertThat(drop.handovers().markShipped(order.orderId(), READY, "DHL", "JJD0001", shipped(order))).isTrue();
        assertThat(drop.handovers().markShipped(order.orderId(), COLLECTED, "UPS", "1Z999", shipped(order))).as("again").isFalse();

        assertThat(drop.orders().find(order.orderId()).orElseThrow().handover())
                .isEqualTo(new Handover(null, null, null, READY, "DHL", "JJD0001"));
        assertThat(drop.views().fulfilment(Drops.DROP, List.of(order.orderId())))
                .containsExactly(new FulfilmentRow(order.orderId(), null, null, null, READY));
    }

    @Test
    void anUnpaidOrder_isNeitherMadeReadyNorShipped() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        Order pickup = held(drop, PICKUP);
        Order shipment = held(drop, SHIP);

        assertThat(drop.handovers().markReady(pickup.orderId(), READY, "7KQ2XM", event(pickup, "PickupReady")))
                .isFalse();
        assertThat(drop.handovers().markShipped(shipment.orderId(), READY, "DHL", "JJD0001", shipped(shipment))).isFalse();
        assertThat(drop.orders().find(pickup.orderId()).orElseThrow().handover()).isEqualTo(Handover.NONE);
        assertThat(drop.orders().find(shipment.orderId()).orElseThrow().handover()).isEqualTo(Handover.NONE);
    }

    private static DomainEvent shipped(Order order) {
        return new DomainEvent.OrderShipped(order.eventId("OrderShipped"), READY, order.dropId(), order.orderId(),
                order.buyerId().value(), "DHL");
    }

    private static DomainEvent event(Order order, String type) {
        return type.equals("PickupReady")
                ? new DomainEvent.PickupReady(order.eventId(type), READY, order.dropId(), order.orderId(),
                        order.buyerId().value(), Drops.HUB, null)
                : new DomainEvent.PickupCollected(order.eventId(type), COLLECTED, order.dropId(), order.orderId(),
                        order.buyerId().value(), Drops.HUB);
    }

    private static Order held(Published drop, Fulfilment fulfilment) {
        OrderLine line = new OrderLine("A", 1, Drops.PRICE);
        Order order = new Order(IDS.next(NOW), Drops.DROP, BUYERS.of("ada@example.com"), "ada@example.com",
                List.of(line), line.total(), fulfilment, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
        assertThat(drop.inventory().hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 4, NOW)))
                .isInstanceOf(HoldResult.Held.class);
        return order;
    }

    private static Order paid(Published drop, Order order) {
        assertThat(drop.orders().apply(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.PAID,
                StockMove.SALE, 0, List.of(), "evt_pay_" + order.orderId(), null, Map.of("paidAt", NOW.toString()),
                "payment succeeded", NOW))).isEqualTo(new TransitionResult.Applied());
        return drop.orders().find(order.orderId()).orElseThrow();
    }
}
