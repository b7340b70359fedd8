package dev.microdrop.core.lifecycle;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockShards;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.random.RestoredRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 *
 *   pre-order: HELD ──deposit succeeded──▶ RESERVED ──run confirmed──▶ BALANCE_DUE ──balance succeeded──▶ PAID
 *     │ deposit failed/canceled, hold expired ▶ CANCELLED/EXPIRED   RESERVED/BALANCE_DUE ──run cancelled──▶ REFUNDED
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
            Optional<PaymentMatch.Mismatch> mismatch = PaymentMatch.check(order, event);
            if (mismatch.isPresent()) {
                return rejected(order, event, mismatch.get(), now);
            }
            TransitionResult result;
            switch (event.type()) {
                case SUCCEEDED -> {
                    if (order.preorder() && (order.status() == OrderStatus.EXPIRED
                            || order.status() == OrderStatus.CANCELLED)) {
                        // A deposit after its hold lapsed: its capacity went back and may be gone. Refunded; the
                        // buyer may pre-order again.
                        Optional<LifecycleOutcome> refunded = refundLatePayment(order, event, now);
                        if (refunded.isPresent()) {
                            return refunded.get();
                        }
                        continue; // another event moved the order meanwhile: read again, decide again
                    }
                    Optional<Transition> paid = order.preorder()
                            ? preorderPaid(order, event, PaymentMatch.part(order, event).orElseThrow(), now)
                            : paid(order, event, now);
                    if (paid.isEmpty()) {
                        return recorded(event, order.orderId(), "already " + order.status());
                    }
                    result = orders.apply(paid.get());
                    // Only a late payment may find its units gone; a held order's units are held for it. A line of
                    // a sharded SKU then looks in the other shards before the buyer is refunded.
                    if (result instanceof TransitionResult.NotEnoughStock refused && order.status() != OrderStatus.HELD
                            && !order.preorder()) {
                        result = lateSaleFromOtherShards(order, refused, event, now);
                    }
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
                    String why = event.type().name().toLowerCase(Locale.ROOT);
                    result = orders.apply(order.preorder()
                            ? preorderLeaves(order, Set.of(OrderStatus.HELD), OrderStatus.CANCELLED, why,
                                    event.eventId(), null, Map.of(), "deposit " + why, now)
                            : new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.CANCELLED,
                            StockMove.RELEASE, -order.units(),
                            List.of(new DomainEvent.OrderCancelled(eventId(order, "OrderCancelled"), now,
                                    order.dropId(), order.orderId(), lines(order), why)),
                            event.eventId(), null, Map.of(), "payment " + why, now));
                }
                case REFUNDED -> {
                    Optional<Transition> refunded = order.preorder() ? preorderRefunded(order, event, now)
                            : refunded(order, event, now);
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
        // A pre-order's hold is its deposit's: it gives capacity back, never stock.
        TransitionResult result = orders.apply(order.preorder()
                ? preorderLeaves(order, Set.of(OrderStatus.HELD), OrderStatus.EXPIRED, "deposit not paid in time",
                        null, now, Map.of(), "deposit hold expired", now)
                : new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.EXPIRED,
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
            // RESERVED and BALANCE_DUE are pre-orders' only (see preorderPaid).
            case PAID, REFUNDED, RESERVED, BALANCE_DUE -> Optional.empty();
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
            // RESERVED and BALANCE_DUE are pre-orders' only (see preorderRefunded).
            case REFUNDED, RESERVED, BALANCE_DUE -> Optional.empty();
        };
    }

    /**
     * A late sale refused because lines' sources were short, tried again with each short line of a sharded SKU
     * drawn from another of its shards ({@link StockShards#fallOverOrder}: those the drop's counters show with
     * enough units first, at random, then the rest), one transaction per try, until it is applied or a short line
     * has no shard left to try. The order's lines and the sale's ledger entries then name the shard the units
     * came from. A short line of a SKU kept in one item, or a full pickup slot, ends the search at once.
     *
     * @return the last try's result: {@code NotEnoughStock} when nothing is left anywhere
     */
    private TransitionResult lateSaleFromOtherShards(Order order, TransitionResult.NotEnoughStock refused,
            PaymentEvent event, Instant now) {
        Optional<DropSnapshot> snapshot = drops.read(order.dropId());
        Map<Integer, Deque<Integer>> untried = new HashMap<>();
        List<OrderLine> lines = new ArrayList<>(order.lines());
        TransitionResult result = refused;
        while (result instanceof TransitionResult.NotEnoughStock shortOf) {
            if (shortOf.shortLines().isEmpty()) {
                return result;
            }
            for (int index : shortOf.shortLines()) {
                OrderLine line = lines.get(index);
                int shards = snapshot.flatMap(s -> s.drop().sku(line.sku())).map(Sku::shards).orElse(1);
                if (line.shard() == null || shards < 2) {
                    return result;
                }
                Deque<Integer> next = untried.computeIfAbsent(index, i -> new ArrayDeque<>(StockShards.fallOverOrder(
                        shards, line.shard(), line.quantity(), snapshot.flatMap(s -> s.stockOf(line.sku()))
                                .orElse(null), RestoredRandom.generator())));
                if (next.isEmpty()) {
                    return result;
                }
                lines.set(index, line.fromShard(next.poll()));
            }
            result = orders.apply(paid(order.withLines(lines), event, now).orElseThrow());
        }
        return result;
    }

    /** Empty when another transition moved the order first (e.g. its refund event): the caller decides again. */
    private Optional<LifecycleOutcome> refundLatePayment(Order order, PaymentEvent event, Instant now) {
        String intentId = event.intentId();
        // Idempotent at the provider (keyed by our order id): a redelivered event refunds once.
        payments.refund(order.orderId(), intentId, "late-payment-no-stock");
        // A pre-order's late deposit: its capacity was given back when it left, and nothing else reacts to it.
        TransitionResult result = orders.apply(new Transition(order, Set.of(OrderStatus.EXPIRED,
                OrderStatus.CANCELLED), OrderStatus.REFUNDED, null, 0,
                order.preorder() ? List.of() : List.of(refundedEvent(order, now, false, "late-payment-no-stock")),
                event.eventId(), null,
                Map.of("refundReason", order.preorder() ? "late-deposit" : "late-payment-no-stock"),
                order.preorder() ? "late deposit refunded" : "late payment refunded: sold out", now));
        return switch (result) {
            case TransitionResult.Applied ignored ->
                    Optional.of(new LifecycleOutcome.RefundedAutomatically(order.orderId()));
            case TransitionResult.EventAlreadyApplied ignored -> Optional.of(new LifecycleOutcome.Duplicate());
            case TransitionResult.StatusChanged ignored -> Optional.empty();
            default -> throw new IllegalStateException("order " + order.orderId() + " changed during a late refund");
        };
    }

    /**
     * The merchant confirmed the run: a {@code RESERVED} pre-order gets an intent for its balance and becomes
     * {@code BALANCE_DUE}. The intent is idempotent per order at the provider, so a repeated confirmation that
     * lost a race creates nothing new; an order in any other status is left alone.
     */
    public LifecycleOutcome confirmPreorder(Order order) {
        if (!order.preorder() || order.status() != OrderStatus.RESERVED) {
            return new LifecycleOutcome.Ignored("order is " + order.status());
        }
        Instant now = clock.instant();
        PaymentIntent balance = payments.createIntent(order, order.balance(), PaymentProvider.BALANCE);
        // Events about the balance's charge that carry no order id (disputes) find the order by its intent.
        orders.recordIntent(balance, order.orderId());
        TransitionResult result = orders.apply(new Transition(order, Set.of(OrderStatus.RESERVED),
                OrderStatus.BALANCE_DUE, null, 0,
                List.of(new DomainEvent.PreorderConfirmed(eventId(order, "PreorderConfirmed"), now, order.dropId(),
                        order.orderId(), order.buyerId().value(), order.balance().minorUnits(),
                        order.amount().currency().getCurrencyCode())),
                null, null, Map.of("balanceIntentId", balance.intentId(), "confirmedAt", now.toString()),
                "pre-order run confirmed", now));
        return switch (result) {
            case TransitionResult.Applied ignored -> new LifecycleOutcome.Applied(order.orderId(),
                    OrderStatus.BALANCE_DUE);
            case TransitionResult.StatusChanged changed -> new LifecycleOutcome.Ignored("order is " + changed.current());
            default -> throw new IllegalStateException("unexpected " + result + " confirming " + order.orderId());
        };
    }

    /**
     * The merchant cancelled the run: a {@code RESERVED} or {@code BALANCE_DUE} pre-order's deposit is refunded
     * (idempotent per order at the provider), and the order becomes {@code REFUNDED}, giving its capacity and the
     * buyer's units back. An order in any other status is left alone, so cancelling twice refunds once.
     */
    public LifecycleOutcome cancelPreorder(Order order, String depositIntentId) {
        Set<OrderStatus> live = Set.of(OrderStatus.RESERVED, OrderStatus.BALANCE_DUE);
        if (!order.preorder() || !live.contains(order.status())) {
            return new LifecycleOutcome.Ignored("order is " + order.status());
        }
        Instant now = clock.instant();
        payments.refund(order.orderId(), depositIntentId, "preorder-run-cancelled");
        TransitionResult result = orders.apply(new Transition(order, live, OrderStatus.REFUNDED, null,
                -order.units(),
                List.of(new DomainEvent.PreorderCancelled(eventId(order, "PreorderCancelled"), now, order.dropId(),
                        order.orderId(), lines(order), order.deposit().minorUnits(),
                        order.amount().currency().getCurrencyCode())),
                null, null, Map.of("refundReason", "preorder-run-cancelled"), "pre-order run cancelled", now,
                order.units()));
        return switch (result) {
            case TransitionResult.Applied ignored -> new LifecycleOutcome.Applied(order.orderId(), OrderStatus.REFUNDED);
            case TransitionResult.StatusChanged changed -> new LifecycleOutcome.Ignored("order is " + changed.current());
            default -> throw new IllegalStateException("unexpected " + result + " cancelling " + order.orderId());
        };
    }

    /**
     * A pre-order's payment succeeded: its deposit ({@code HELD} → {@code RESERVED}) or its balance (→ {@code PAID}).
     * Each intent pays its own step only: a deposit's success delivered again after the run was confirmed does not
     * pay the balance.
     */
    private Optional<Transition> preorderPaid(Order order, PaymentEvent event, PaymentMatch.Part part, Instant now) {
        if (part != (order.status() == OrderStatus.BALANCE_DUE ? PaymentMatch.Part.BALANCE : PaymentMatch.Part.DEPOSIT)) {
            return Optional.empty();
        }
        return switch (order.status()) {
            case HELD -> Optional.of(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.RESERVED, null, 0,
                    List.of(new DomainEvent.PreorderReserved(eventId(order, "PreorderReserved"), now, order.dropId(),
                            order.orderId(), lines(order), order.deposit().minorUnits(),
                            order.amount().currency().getCurrencyCode())),
                    event.eventId(), null, Map.of("depositPaidAt", now.toString(), "depositPaidByEvent",
                    event.eventId()), "deposit succeeded", now));
            // Fulfilled like any paid order; it never held stock, so no counter moves.
            case BALANCE_DUE -> Optional.of(new Transition(order, Set.of(OrderStatus.BALANCE_DUE), OrderStatus.PAID,
                    null, 0, List.of(paidEvent(order, now, false)), event.eventId(), null,
                    Map.of("paidAt", now.toString(), "paidByEvent", event.eventId()), "balance succeeded", now));
            // RESERVED: the deposit's success again under another id, or a balance before its run was confirmed.
            case RESERVED, PAID, REFUNDED, EXPIRED, CANCELLED -> Optional.empty();
        };
    }

    /** A refund of a live pre-order: it leaves, giving its capacity and the buyer's units back. */
    private Optional<Transition> preorderRefunded(Order order, PaymentEvent event, Instant now) {
        return switch (order.status()) {
            case HELD, RESERVED, BALANCE_DUE, PAID -> Optional.of(preorderLeaves(order, Set.of(order.status()),
                    OrderStatus.REFUNDED, "refunded", event.eventId(), null, Map.of("refundReason", "refunded"),
                    "payment refunded", now));
            // Its capacity went back when it lapsed; remember the refund so a late deposit cannot count.
            case EXPIRED, CANCELLED -> Optional.of(new Transition(order, Set.of(OrderStatus.EXPIRED,
                    OrderStatus.CANCELLED), OrderStatus.REFUNDED, null, 0, List.of(), event.eventId(), null,
                    Map.of("refundReason", "refunded after the deposit hold was released"), "payment refunded", now));
            case REFUNDED -> Optional.empty();
        };
    }

    /** A live pre-order leaves: no stock moves; its capacity and the buyer's units go back. */
    private static Transition preorderLeaves(Order order, Set<OrderStatus> from, OrderStatus to, String why,
            String providerEventId, Instant notBefore, Map<String, String> attributes, String reason, Instant now) {
        return new Transition(order, from, to, null, -order.units(),
                List.of(new DomainEvent.PreorderReleased(eventId(order, "PreorderReleased"), now, order.dropId(),
                        order.orderId(), lines(order), to.name(), why)),
                providerEventId, notBefore, attributes, reason, now, order.units());
    }

    /** Recorded with a PaymentRejected event for the merchant, once per provider event; nothing else moves. */
    private LifecycleOutcome rejected(Order order, PaymentEvent event, PaymentMatch.Mismatch mismatch, Instant now) {
        DomainEvent.PaymentRejected rejected = new DomainEvent.PaymentRejected(
                "evt_" + order.orderId() + "_PaymentRejected_" + event.eventId(), now, order.dropId(),
                order.orderId(), event.eventId(), event.type().name().toLowerCase(Locale.ROOT),
                mismatch.reason().code(), event.intentId(), event.amountMinorUnits(),
                event.currency() == null ? null : event.currency().toUpperCase(Locale.ROOT),
                mismatch.expected().minorUnits(), mismatch.expected().currency().getCurrencyCode());
        return orders.recordEvent(event.eventId(), order.orderId(), "rejected: " + mismatch.detail(), rejected)
                ? new LifecycleOutcome.Rejected(order.orderId(), mismatch.reason())
                : new LifecycleOutcome.Duplicate();
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
        return order.eventId(type);
    }

    public static List<DomainEvent.Line> lines(Order order) {
        return order.eventLines();
    }

    public static String fulfilmentType(Order order) {
        return order.fulfilmentType();
    }
}
