package dev.microdrop.core.order;

import dev.microdrop.core.checkout.Fulfilment;
import dev.microdrop.core.checkout.Order;
import dev.microdrop.core.checkout.OrderStatus;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves orders through their life: paid, released (failed, cancelled, expired), refunded, disputed. Each provider
 * event is applied exactly once, whatever the order of arrival, and a race between an expiry and a late payment
 * counts the units once: every step is one conditional write on the order's status (see {@link OrderStore}).
 *
 * <pre>
 *   HELD ──succeeded──▶ PAID ──refunded──▶ REFUNDED (units back on sale per the drop's policy)
 *     │ failed/canceled ▶ CANCELLED ─┐
 *     │ hold expired ───▶ EXPIRED ───┴─succeeded─▶ PAID if units are left, else refunded automatically
 *     └──refunded (arrived before succeeded) ──▶ REFUNDED
 * </pre>
 */
public final class OrderLifecycle {

    private static final int MAX_RACES = 5;

    private final OrderStore orders;
    private final DropReader drops;
    private final PaymentProvider payments;
    private final Clock clock;

    public OrderLifecycle(OrderStore orders, DropReader drops, PaymentProvider payments, Clock clock) {
        this.orders = orders;
        this.drops = drops;
        this.payments = payments;
        this.clock = clock;
    }

    public LifecycleOutcome apply(PaymentEvent event) {
        Optional<String> orderId = Optional.ofNullable(event.orderId())
                .or(() -> Optional.ofNullable(event.intentId()).flatMap(orders::orderIdForIntent));
        if (orderId.isEmpty()) {
            return recorded(event, null, "no order of ours");
        }
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Order> found = orders.find(orderId.get());
            if (found.isEmpty()) {
                return recorded(event, orderId.get(), "no order " + orderId.get());
            }
            Order order = found.get();
            Instant now = clock.instant();
            TransitionResult result;
            switch (event.type()) {
                case SUCCEEDED -> {
                    Optional<Transition> paid = paid(order, event, now);
                    if (paid.isEmpty()) {
                        return recorded(event, order.orderId(), "already " + order.status());
                    }
                    result = orders.apply(paid.get());
                    // Only a late payment may find its units gone; a held order's units are held for it.
                    if (result instanceof TransitionResult.NotEnoughStock && order.status() != OrderStatus.HELD) {
                        Optional<LifecycleOutcome> refunded = refundLatePayment(order, event, now);
                        if (refunded.isPresent()) {
                            return refunded.get();
                        }
                        continue; // another event moved the order meanwhile: read again, decide again
                    }
                }
                case FAILED, CANCELED -> {
                    if (order.status() != OrderStatus.HELD) {
                        return recorded(event, order.orderId(), "already " + order.status());
                    }
                    result = orders.apply(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.CANCELLED,
                            StockMove.RELEASE, -order.units(),
                            List.of(new DomainEvent.OrderCancelled(eventId(order, "OrderCancelled"), now,
                                    order.dropId(), order.orderId(), lines(order), event.type().name().toLowerCase(Locale.ROOT))),
                            event.eventId(), null, Map.of(), "payment " + event.type().name().toLowerCase(Locale.ROOT), now));
                }
                case REFUNDED -> {
                    Optional<Transition> refunded = refunded(order, event, now);
                    if (refunded.isEmpty()) {
                        return recorded(event, order.orderId(), "already " + order.status());
                    }
                    result = orders.apply(refunded.get());
                }
                case DISPUTE_OPENED, DISPUTE_WON, DISPUTE_LOST -> {
                    String state = event.type().name().substring("DISPUTE_".length()).toLowerCase(Locale.ROOT);
                    result = orders.recordDispute(order.orderId(), event.eventId(), state);
                    if (result instanceof TransitionResult.Applied) {
                        return new LifecycleOutcome.Applied(order.orderId(), order.status());
                    }
                }
                default -> {
                    return recorded(event, order.orderId(), "event type not handled");
                }
            }
            switch (result) {
                case TransitionResult.Applied ignored -> {
                    return new LifecycleOutcome.Applied(order.orderId(), orders.find(order.orderId())
                            .map(Order::status).orElseThrow());
                }
                case TransitionResult.EventAlreadyApplied ignored -> {
                    return new LifecycleOutcome.Duplicate();
                }
                case TransitionResult.StatusChanged ignored -> {
                    // Another transition (an expiry, another event) won the race: read again and decide again.
                }
                case TransitionResult.NotEnoughStock ignored -> throw new IllegalStateException(
                        "a counter would go negative for order " + order.orderId() + " on " + event.type());
                case TransitionResult.NotDue ignored -> throw new IllegalStateException("payments are never due");
            }
        }
        throw new IllegalStateException("order " + orderId.get() + " kept changing under event " + event.eventId());
    }

    /** Releases an unpaid hold whose time is up. Safe to call any number of times, early or late. */
    public LifecycleOutcome expire(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return new LifecycleOutcome.NotExpired("no order " + orderId);
        }
        Order order = found.get();
        if (order.status() != OrderStatus.HELD) {
            return new LifecycleOutcome.NotExpired("order is " + order.status());
        }
        Instant now = clock.instant();
        TransitionResult result = orders.apply(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.EXPIRED,
                StockMove.RELEASE, -order.units(),
                List.of(new DomainEvent.OrderExpired(eventId(order, "OrderExpired"), now, order.dropId(),
                        order.orderId(), lines(order))),
                null, now, Map.of(), "hold expired", now));
        return switch (result) {
            case TransitionResult.Applied ignored -> new LifecycleOutcome.Applied(orderId, OrderStatus.EXPIRED);
            case TransitionResult.NotDue ignored -> new LifecycleOutcome.NotExpired("hold runs until "
                    + order.holdExpiresAt());
            case TransitionResult.StatusChanged changed -> new LifecycleOutcome.NotExpired("order is "
                    + changed.current());
            default -> throw new IllegalStateException("unexpected " + result + " expiring " + orderId);
        };
    }

    private Optional<Transition> paid(Order order, PaymentEvent event, Instant now) {
        return switch (order.status()) {
            case HELD -> Optional.of(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.PAID, StockMove.SALE,
                    0, List.of(paidEvent(order, now, false)), event.eventId(), null,
                    Map.of("paidAt", now.toString(), "paidByEvent", event.eventId()), "payment succeeded", now));
            // The hold was released first; the units were given back, and so was the buyer's allowance.
            case EXPIRED, CANCELLED -> Optional.of(new Transition(order, Set.of(OrderStatus.EXPIRED,
                    OrderStatus.CANCELLED), OrderStatus.PAID, StockMove.LATE_SALE, order.units(),
                    List.of(paidEvent(order, now, true)), event.eventId(), null,
                    Map.of("paidAt", now.toString(), "paidByEvent", event.eventId()),
                    "payment succeeded after the hold was released", now));
            case PAID, REFUNDED -> Optional.empty();
        };
    }

    private Optional<Transition> refunded(Order order, PaymentEvent event, Instant now) {
        boolean restock = drops.read(order.dropId()).map(s -> s.drop()).map(Drop::restockOnRefund).orElse(true);
        return switch (order.status()) {
            case PAID -> Optional.of(new Transition(order, Set.of(OrderStatus.PAID), OrderStatus.REFUNDED,
                    restock ? StockMove.REFUND_RESTOCK : null, -order.units(),
                    List.of(refundedEvent(order, now, restock, "refunded")), event.eventId(), null,
                    Map.of("refundReason", "refunded"), "payment refunded", now));
            // The refund overtook the payment's success: the units were still held. Put them back (or, without
            // restocking, count them sold and gone).
            case HELD -> Optional.of(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.REFUNDED,
                    restock ? StockMove.RELEASE : StockMove.SALE, -order.units(),
                    List.of(refundedEvent(order, now, restock, "refunded")), event.eventId(), null,
                    Map.of("refundReason", "refunded before the payment's success arrived"),
                    "payment refunded", now));
            // The hold was already released; remember the refund so a late success cannot take stock.
            case EXPIRED, CANCELLED -> Optional.of(new Transition(order, Set.of(OrderStatus.EXPIRED,
                    OrderStatus.CANCELLED), OrderStatus.REFUNDED, null, 0,
                    List.of(refundedEvent(order, now, false, "refunded after the hold was released")),
                    event.eventId(), null, Map.of("refundReason", "refunded after the hold was released"),
                    "payment refunded", now));
            case REFUNDED -> Optional.empty();
        };
    }

    /** Empty when another transition moved the order first (e.g. its refund event): the caller decides again. */
    private Optional<LifecycleOutcome> refundLatePayment(Order order, PaymentEvent event, Instant now) {
        String intentId = event.intentId();
        // Idempotent at the provider (keyed by our order id): a redelivered event refunds once.
        payments.refund(order.orderId(), intentId, "late-payment-no-stock");
        TransitionResult result = orders.apply(new Transition(order, Set.of(OrderStatus.EXPIRED,
                OrderStatus.CANCELLED), OrderStatus.REFUNDED, null, 0,
                List.of(refundedEvent(order, now, false, "late-payment-no-stock")), event.eventId(), null,
                Map.of("refundReason", "late-payment-no-stock"), "late payment refunded: sold out", now));
        return switch (result) {
            case TransitionResult.Applied ignored ->
                    Optional.of(new LifecycleOutcome.RefundedAutomatically(order.orderId()));
            case TransitionResult.EventAlreadyApplied ignored -> Optional.of(new LifecycleOutcome.Duplicate());
            case TransitionResult.StatusChanged ignored -> Optional.empty();
            default -> throw new IllegalStateException("order " + order.orderId() + " changed during a late refund");
        };
    }

    private LifecycleOutcome recorded(PaymentEvent event, String orderId, String why) {
        return orders.recordEvent(event.eventId(), orderId, why)
                ? new LifecycleOutcome.Ignored(why)
                : new LifecycleOutcome.Duplicate();
    }

    private static DomainEvent.OrderPaid paidEvent(Order order, Instant now, boolean late) {
        return new DomainEvent.OrderPaid(eventId(order, "OrderPaid"), now, order.dropId(), order.orderId(),
                order.buyerId().value(), lines(order), order.amount().minorUnits(),
                order.amount().currency().getCurrencyCode(), fulfilmentType(order), late);
    }

    private static DomainEvent.OrderRefunded refundedEvent(Order order, Instant now, boolean restocked, String why) {
        return new DomainEvent.OrderRefunded(eventId(order, "OrderRefunded"), now, order.dropId(), order.orderId(),
                lines(order), restocked, why);
    }

    /** One transition of one order happens once, so its event id can be derived, and redelivery dedupes. */
    public static String eventId(Order order, String type) {
        return "evt_" + order.orderId() + "_" + type;
    }

    public static List<DomainEvent.Line> lines(Order order) {
        return order.lines().stream().map(l -> new DomainEvent.Line(l.sku(), l.quantity())).toList();
    }

    public static String fulfilmentType(Order order) {
        return switch (order.fulfilment()) {
            case Fulfilment.Ship ignored -> "ship";
            case Fulfilment.Pickup ignored -> "pickup";
        };
    }
}
