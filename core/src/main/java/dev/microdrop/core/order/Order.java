package dev.microdrop.core.order;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.events.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order: units held for a buyer until {@code holdExpiresAt}, unless paid first. A {@link OrderKind#PREORDER}
 * holds no stock: until {@code holdExpiresAt} it holds units of the drop's pre-order capacity for its deposit.
 *
 * @param kind    {@link OrderKind#STANDARD} for a checkout, {@link OrderKind#PREORDER} for a pre-order
 * @param deposit what a pre-order pays up front (the rest, {@link #balance()}, once the run is confirmed); null
 *                for a standard order, which pays its whole amount at once
 * @param intentId        the provider's payment intent for the order's amount (a pre-order's: for its deposit);
 *                        null until the checkout attached it
 * @param balanceIntentId a pre-order's intent for its balance, once the run is confirmed; null otherwise
 * @param handover        a paid order's hand-over so far (made ready, collected, shipped); {@link Handover#NONE}
 *                        before any step
 */
public record Order(
        String orderId,
        String dropId,
        BuyerId buyerId,
        String buyerEmail,
        List<OrderLine> lines,
        Money amount,
        Fulfilment fulfilment,
        OrderStatus status,
        Instant createdAt,
        Instant holdExpiresAt,
        OrderKind kind,
        Money deposit,
        String intentId,
        String balanceIntentId,
        Handover handover) {

    public Order {
        handover = handover == null ? Handover.NONE : handover;
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(kind, "kind");
        lines = List.copyOf(lines);
        if ((kind == OrderKind.PREORDER) != (deposit != null)) {
            throw new IllegalArgumentException("a pre-order, and only a pre-order, has a deposit");
        }
        if (deposit != null && amount != null && deposit.minorUnits() > amount.minorUnits()) {
            throw new IllegalArgumentException("a deposit is at most the amount");
        }
    }

    /** An order nothing was handed over of yet. */
    public Order(String orderId, String dropId, BuyerId buyerId, String buyerEmail, List<OrderLine> lines,
            Money amount, Fulfilment fulfilment, OrderStatus status, Instant createdAt, Instant holdExpiresAt,
            OrderKind kind, Money deposit, String intentId, String balanceIntentId) {
        this(orderId, dropId, buyerId, buyerEmail, lines, amount, fulfilment, status, createdAt, holdExpiresAt,
                kind, deposit, intentId, balanceIntentId, Handover.NONE);
    }

    /** An order no payment intent is attached to yet, as the checkout makes it. */
    public Order(String orderId, String dropId, BuyerId buyerId, String buyerEmail, List<OrderLine> lines,
            Money amount, Fulfilment fulfilment, OrderStatus status, Instant createdAt, Instant holdExpiresAt,
            OrderKind kind, Money deposit) {
        this(orderId, dropId, buyerId, buyerEmail, lines, amount, fulfilment, status, createdAt, holdExpiresAt,
                kind, deposit, null, null);
    }

    /** A standard order: it holds stock and pays its whole amount at once. */
    public Order(String orderId, String dropId, BuyerId buyerId, String buyerEmail, List<OrderLine> lines,
            Money amount, Fulfilment fulfilment, OrderStatus status, Instant createdAt, Instant holdExpiresAt) {
        this(orderId, dropId, buyerId, buyerEmail, lines, amount, fulfilment, status, createdAt, holdExpiresAt,
                OrderKind.STANDARD, null);
    }

    /**
     * The same order once the buyer had the shop erase their data (docs/audience.md): no e-mail, the ship-to address
     * erased; its lines, amounts, status and hand-over (what the books need, by id) kept.
     */
    public Order withoutPersonalData() {
        return new Order(orderId, dropId, buyerId, null, lines, amount, fulfilment.withoutPersonalData(), status,
                createdAt, holdExpiresAt, kind, deposit, intentId, balanceIntentId, handover);
    }

    /** The same order with other lines (e.g. drawn from other hubs); the amount is the lines' total either way. */
    public Order withLines(List<OrderLine> newLines) {
        return new Order(orderId, dropId, buyerId, buyerEmail, newLines, amount, fulfilment, status, createdAt,
                holdExpiresAt, kind, deposit, intentId, balanceIntentId, handover);
    }

    /** The same order with this hand-over. */
    public Order withHandover(Handover newHandover) {
        return new Order(orderId, dropId, buyerId, buyerEmail, lines, amount, fulfilment, status, createdAt,
                holdExpiresAt, kind, deposit, intentId, balanceIntentId, newHandover);
    }

    /** One transition of one order happens once, so its event's id can be derived, and redelivery dedupes. */
    public String eventId(String type) {
        return "evt_" + orderId + "_" + type;
    }

    /** The order's lines as events carry them: SKU and units, no prices. */
    public List<DomainEvent.Line> eventLines() {
        return lines.stream().map(l -> new DomainEvent.Line(l.sku(), l.quantity())).toList();
    }

    /** {@code ship} or {@code pickup}, as events and the API spell it. */
    public String fulfilmentType() {
        return switch (fulfilment) {
            case Fulfilment.Ship ignored -> "ship";
            case Fulfilment.Pickup ignored -> "pickup";
        };
    }

    public int units() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }

    public boolean preorder() {
        return kind == OrderKind.PREORDER;
    }

    /** What a pre-order still owes once its deposit is paid; null for a standard order. */
    public Money balance() {
        return deposit == null ? null : new Money(amount.minorUnits() - deposit.minorUnits(), amount.currency());
    }
}
