package dev.microdrop.core.lifecycle;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One atomic change of an order's life: its status moves from one of {@code from} to {@code to}, its units move
 * between counters ({@code move}, for every line), the buyer's running total changes by {@code buyerUnitsDelta},
 * the ledger records the move, the events go to the outbox, and the provider event (if any) is marked applied.
 * All of it in one write, or none.
 *
 * @param providerEventId the payment event applied by this transition, recorded so it is applied once; null for
 *                        transitions of our own (expiry)
 * @param notBefore       for expiry: the order's hold must have expired by this instant
 * @param attributes      extra order attributes to set (e.g. {@code paidAt}, {@code refundReason})
 * @param capacityBack    pre-order units given back to the drop's pre-order capacity (a pre-order leaving); 0 for
 *                        every other transition. A pre-order never moves stock ({@code move} is null for it)
 */
public record Transition(
        Order order,
        Set<OrderStatus> from,
        OrderStatus to,
        StockMove move,
        int buyerUnitsDelta,
        List<DomainEvent> events,
        String providerEventId,
        Instant notBefore,
        Map<String, String> attributes,
        String reason,
        Instant at,
        int capacityBack) {

    /** A transition that gives no pre-order capacity back (every transition of a standard order). */
    public Transition(Order order, Set<OrderStatus> from, OrderStatus to, StockMove move, int buyerUnitsDelta,
            List<DomainEvent> events, String providerEventId, Instant notBefore, Map<String, String> attributes,
            String reason, Instant at) {
        this(order, from, to, move, buyerUnitsDelta, events, providerEventId, notBefore, attributes, reason, at, 0);
    }

    public Transition {
        if (capacityBack < 0) {
            throw new IllegalArgumentException("capacity is only given back here: " + capacityBack);
        }
        from = Set.copyOf(from);
        events = List.copyOf(events);
        attributes = Map.copyOf(attributes);
    }
}
