package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the drops' events the shop kept into its {@link ShopHistory}. Events come at least once and in any order
 * (a queue does not keep order), so every rule here is order-free: a drop is its latest {@code DropPublished}; an
 * order's status is the furthest its events reached; each hand-over time is its event's.
 *
 * <ul>
 *   <li>An order is in the history once the shop knows its buyer: from {@code OrderPaid}, or from {@code
 *       PreorderPlaced} for a pre-order (its deposit and balance move its status on).</li>
 *   <li>An early-access entry is an {@code OrderHeld} (or {@code PreorderPlaced}) in the drop's early window: at or
 *       after its early access, before its public opening.</li>
 * </ul>
 */
public final class ShopHistories {

    /** How far each status is along an order's life: a later event never takes an order back. */
    private static final Map<OrderStatus, Integer> RANK = new EnumMap<>(Map.of(OrderStatus.HELD, 0,
            OrderStatus.RESERVED, 1, OrderStatus.BALANCE_DUE, 2, OrderStatus.PAID, 3, OrderStatus.EXPIRED, 4,
            OrderStatus.CANCELLED, 4, OrderStatus.REFUNDED, 5));

    private ShopHistories() {
    }

    public static ShopHistory fold(ShopRecords records) {
        return fold(records.events(), records.notified(), records.surveys());
    }

    public static ShopHistory fold(List<DomainEvent> events, List<Notified> notified, List<SurveyAnswer> surveys) {
        Map<String, OrderFold> orders = new HashMap<>();
        List<DomainEvent> sorted = events.stream()
                .sorted(Comparator.comparing(DomainEvent::occurredAt).thenComparing(DomainEvent::eventId)).toList();
        Map<String, DomainEvent.DropPublished> drops = latest(sorted.stream()
                .filter(DomainEvent.DropPublished.class::isInstance).map(DomainEvent.DropPublished.class::cast).toList());
        Set<EarlyAccessEntry> early = new LinkedHashSet<>();
        for (DomainEvent event : sorted) {
            switch (event) {
                case DomainEvent.OrderPaid paid -> {
                    OrderFold order = orders.computeIfAbsent(paid.orderId(), id -> new OrderFold(paid.dropId(), id));
                    order.known(paid.buyerId(), units(paid.lines()), paid.amountMinorUnits(), paid.currency(),
                            paid.fulfilmentType());
                    order.paidAt = paid.occurredAt();
                    order.status(OrderStatus.PAID);
                }
                case DomainEvent.PreorderPlaced placed -> {
                    OrderFold order = orders.computeIfAbsent(placed.orderId(), id -> new OrderFold(placed.dropId(), id));
                    order.known(placed.buyerId(), units(placed.lines()), placed.amountMinorUnits(), placed.currency(),
                            placed.fulfilmentType());
                    order.preorder = true;
                    order.status(OrderStatus.HELD);
                    entry(drops.get(placed.dropId()), placed.buyerId(), placed.occurredAt()).ifPresent(early::add);
                }
                case DomainEvent.OrderHeld held ->
                        entry(drops.get(held.dropId()), held.buyerId(), held.occurredAt()).ifPresent(early::add);
                case DomainEvent.PreorderReserved reserved -> fold(orders, reserved).status(OrderStatus.RESERVED);
                case DomainEvent.PreorderConfirmed confirmed -> fold(orders, confirmed).status(OrderStatus.BALANCE_DUE);
                case DomainEvent.PreorderCancelled cancelled -> fold(orders, cancelled).status(OrderStatus.REFUNDED);
                case DomainEvent.PreorderReleased released ->
                        fold(orders, released).status(OrderStatus.valueOf(released.status()));
                case DomainEvent.OrderRefunded refunded -> fold(orders, refunded).status(OrderStatus.REFUNDED);
                case DomainEvent.PickupReady ready -> fold(orders, ready).readyAt = ready.occurredAt();
                case DomainEvent.PickupCollected collected -> fold(orders, collected).collectedAt = collected.occurredAt();
                case DomainEvent.OrderShipped shipped -> fold(orders, shipped).shippedAt = shipped.occurredAt();
                default -> {
                    // Stock, waves, pauses, payment rejections: the drop's own business, not the shop's history.
                }
            }
        }
        List<ShopDrop> shopDrops = drops.values().stream()
                .map(d -> new ShopDrop(d.dropId(), d.opensAt(), d.closesAt(), d.totalUnits()))
                .sorted(Comparator.comparing(ShopDrop::opensAt).thenComparing(ShopDrop::dropId)).toList();
        List<ShopOrder> shopOrders = orders.values().stream().filter(o -> o.buyerId != null).map(OrderFold::order)
                .sorted(Comparator.comparing(ShopOrder::dropId).thenComparing(ShopOrder::orderId)).toList();
        return new ShopHistory(shopDrops, shopOrders, notified, new ArrayList<>(early), surveys);
    }

    /**
     * Each drop as its latest publication says (by time, then by event id): a drop published again supersedes the
     * earlier version, whatever order the events came in.
     */
    public static Map<String, DomainEvent.DropPublished> latest(List<DomainEvent.DropPublished> publications) {
        Map<String, DomainEvent.DropPublished> drops = new HashMap<>();
        publications.stream().sorted(Comparator.comparing(DomainEvent.DropPublished::occurredAt)
                .thenComparing(DomainEvent.DropPublished::eventId))
                .forEach(published -> drops.put(published.dropId(), published));
        return drops;
    }

    /** The order an event names, as far as it is known yet. */
    private static OrderFold fold(Map<String, OrderFold> orders, DomainEvent event) {
        String orderId = switch (event) {
            case DomainEvent.PreorderReserved e -> e.orderId();
            case DomainEvent.PreorderConfirmed e -> e.orderId();
            case DomainEvent.PreorderCancelled e -> e.orderId();
            case DomainEvent.PreorderReleased e -> e.orderId();
            case DomainEvent.OrderRefunded e -> e.orderId();
            case DomainEvent.PickupReady e -> e.orderId();
            case DomainEvent.PickupCollected e -> e.orderId();
            case DomainEvent.OrderShipped e -> e.orderId();
            default -> throw new IllegalArgumentException("not an order's event: " + event.type());
        };
        return orders.computeIfAbsent(orderId, id -> new OrderFold(event.dropId(), id));
    }

    private static java.util.Optional<EarlyAccessEntry> entry(DomainEvent.DropPublished drop, String buyerId,
            Instant at) {
        if (drop == null || drop.earlyAccessOpensAt() == null || at.isBefore(drop.earlyAccessOpensAt())
                || !at.isBefore(drop.opensAt())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new EarlyAccessEntry(new BuyerId(buyerId), drop.dropId()));
    }

    private static int units(List<DomainEvent.Line> lines) {
        return lines.stream().mapToInt(DomainEvent.Line::quantity).sum();
    }

    /** One order's events so far. */
    private static final class OrderFold {
        private final String dropId;
        private final String orderId;
        private String buyerId;
        private int units;
        private long amount;
        private String currency;
        private ShopOrder.Fulfilment fulfilment;
        private boolean preorder;
        private OrderStatus status = OrderStatus.HELD;
        private Instant paidAt;
        private Instant readyAt;
        private Instant collectedAt;
        private Instant shippedAt;

        OrderFold(String dropId, String orderId) {
            this.dropId = dropId;
            this.orderId = orderId;
        }

        void known(String buyer, int orderUnits, long amountMinorUnits, String orderCurrency, String fulfilmentType) {
            buyerId = buyer;
            units = orderUnits;
            amount = amountMinorUnits;
            currency = orderCurrency;
            fulfilment = "pickup".equals(fulfilmentType) ? ShopOrder.Fulfilment.PICKUP : ShopOrder.Fulfilment.SHIP;
        }

        OrderFold status(OrderStatus next) {
            if (RANK.get(next) > RANK.get(status)) {
                status = next;
            }
            return this;
        }

        ShopOrder order() {
            return new ShopOrder(dropId, orderId, new BuyerId(buyerId), status, paidAt, fulfilment, readyAt,
                    collectedAt, shippedAt, units, amount, currency, preorder);
        }
    }
}
