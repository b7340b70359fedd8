package dev.microdrop.core.fulfilment;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Hub staff's and the warehouse's steps after payment: a pickup order made ready (with its pickup code), collected
 * (the buyer shows the code), a shipment shipped (with its tracking number). Each step is a fact beside the order's
 * status, which stays {@code PAID}: a refund after collection works as after any payment. Each is idempotent: the
 * same step again answers the order as it is and writes nothing. The decision is made here from the order as read;
 * the write is conditional on the same state, and a write that lost a race is decided again from a fresh read.
 */
public final class HandoverService {

    private static final int ATTEMPTS = 3;

    private final OrderReader orders;
    private final Handovers handovers;
    private final PickupCodes codes;
    private final Clock clock;

    public HandoverService(OrderReader orders, Handovers handovers, PickupCodes codes, Clock clock) {
        this.orders = orders;
        this.handovers = handovers;
        this.codes = codes;
        this.clock = clock;
    }

    /** {@code POST .../orders/{orderId}/ready}: the paid pickup order waits at its hub, with a pickup code. */
    public HandoverOutcome ready(String dropId, String orderId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = find(dropId, orderId);
            if (found.isEmpty()) {
                return new HandoverOutcome.NoSuchOrder();
            }
            Order order = found.get();
            Optional<HandoverOutcome> refused = unpaid(order).or(() -> notPickup(order));
            if (refused.isPresent()) {
                return refused.get();
            }
            if (order.handover().readyAt() != null) {
                return new HandoverOutcome.Done(order, false);
            }
            Instant now = clock.instant();
            String code = codes.of(orderId);
            Fulfilment.Pickup pickup = (Fulfilment.Pickup) order.fulfilment();
            DomainEvent event = new DomainEvent.PickupReady(order.eventId("PickupReady"), now, order.dropId(),
                    orderId, order.buyerId().value(), pickup.hubId(), pickup.slotId());
            if (handovers.markReady(orderId, now, code, event)) {
                return new HandoverOutcome.Done(order.withHandover(order.handover().ready(now, code)), true);
            }
        }
        throw raced(orderId);
    }

    /** {@code POST .../orders/{orderId}/collected}: the buyer showed {@code code} and took the order. */
    public HandoverOutcome collected(String dropId, String orderId, String code) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = find(dropId, orderId);
            if (found.isEmpty()) {
                return new HandoverOutcome.NoSuchOrder();
            }
            Order order = found.get();
            Handover handover = order.handover();
            Optional<HandoverOutcome> refused = unpaid(order).or(() -> notPickup(order));
            if (refused.isPresent()) {
                return refused.get();
            }
            if (handover.readyAt() == null) {
                return new HandoverOutcome.Refused("not-ready", "Order " + orderId
                        + " is not ready for collection yet: mark it ready first.");
            }
            if (!PickupCodes.matches(handover.pickupCode(), code)) {
                return new HandoverOutcome.WrongCode();
            }
            if (handover.collectedAt() != null) {
                return new HandoverOutcome.Done(order, false);
            }
            Instant now = clock.instant();
            Fulfilment.Pickup pickup = (Fulfilment.Pickup) order.fulfilment();
            DomainEvent event = new DomainEvent.PickupCollected(order.eventId("PickupCollected"), now,
                    order.dropId(), orderId, order.buyerId().value(), pickup.hubId());
            if (handovers.markCollected(orderId, now, event)) {
                return new HandoverOutcome.Done(order.withHandover(handover.collected(now)), true);
            }
        }
        throw raced(orderId);
    }

    /**
     * {@code POST .../orders/{orderId}/shipped}: the paid shipment left with {@code shipment}'s carrier. The same
     * carrier and number again is a repeat; another number for a shipped order is refused (a second parcel is not
     * something this records).
     */
    public HandoverOutcome shipped(String dropId, String orderId, Shipment shipment) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = find(dropId, orderId);
            if (found.isEmpty()) {
                return new HandoverOutcome.NoSuchOrder();
            }
            Order order = found.get();
            Handover handover = order.handover();
            Optional<HandoverOutcome> refused = unpaid(order);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (!(order.fulfilment() instanceof Fulfilment.Ship)) {
                return new HandoverOutcome.Refused("not-shipment", "Order " + orderId
                        + " is collected at a hub, not shipped.");
            }
            if (handover.shippedAt() != null) {
                return handover.trackingNumber().equals(shipment.trackingNumber())
                        && handover.carrier().equals(shipment.carrier())
                        ? new HandoverOutcome.Done(order, false)
                        : new HandoverOutcome.Refused("shipped-otherwise", "Order " + orderId
                                + " was already shipped with " + handover.carrier() + " as "
                                + handover.trackingNumber() + ".");
            }
            Instant now = clock.instant();
            DomainEvent event = new DomainEvent.OrderShipped(order.eventId("OrderShipped"), now, order.dropId(),
                    orderId, order.buyerId().value(), shipment.carrier());
            if (handovers.markShipped(orderId, now, shipment.carrier(), shipment.trackingNumber(), event)) {
                return new HandoverOutcome.Done(order.withHandover(handover.shipped(now, shipment.carrier(),
                        shipment.trackingNumber())), true);
            }
        }
        throw raced(orderId);
    }

    /** The order, if it is the drop's: another drop's order is as missing as none. */
    private Optional<Order> find(String dropId, String orderId) {
        return orders.find(orderId).filter(o -> o.dropId().equals(dropId));
    }

    /** A switch, so a new status cannot reach hand-over without a decision here. */
    private static Optional<HandoverOutcome> unpaid(Order order) {
        return switch (order.status()) {
            case PAID -> Optional.empty();
            case HELD, RESERVED, BALANCE_DUE, EXPIRED, CANCELLED, REFUNDED -> Optional.of(
                    new HandoverOutcome.Refused("not-paid", "Order " + order.orderId() + " is "
                            + order.status().spelling() + ", not paid: only a paid order is handed over."));
        };
    }

    private static Optional<HandoverOutcome> notPickup(Order order) {
        return order.fulfilment() instanceof Fulfilment.Pickup ? Optional.empty()
                : Optional.of(new HandoverOutcome.Refused("not-pickup", "Order " + order.orderId()
                        + " is shipped, not collected at a hub."));
    }

    /** Three writes refused by an order that each fresh read said was ready for them: not a race any more. */
    private static IllegalStateException raced(String orderId) {
        return new IllegalStateException("order " + orderId + " kept changing under its hand-over step");
    }
}
