package dev.microdrop.core.lifecycle;

import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a verified provider event is this order's own payment. A valid signature says the provider sent the
 * event, not that it is about this order: any payment of the merchant's account may carry an order id in its
 * metadata. So an order is paid only by one of its own intents, for that intent's full amount, in the order's
 * currency; a refund counts only when it gives back that intent's full amount. Anything else is a
 * {@link Mismatch}: recorded, published to the merchant, and it changes nothing.
 */
public final class PaymentMatch {

    private PaymentMatch() {
    }

    /** Why an event is not this order's payment; {@link #code()} is stable, for consumers and dashboards. */
    public enum Reason {
        /** The order has no payment intent on record, so no event can be shown to be its payment. */
        NO_INTENT_ON_RECORD("no-intent-on-record"),
        /** The event's intent is not one of the order's. */
        WRONG_INTENT("wrong-intent"),
        /** A success for another amount than the intent's. */
        WRONG_AMOUNT("wrong-amount"),
        /** Another currency than the order's. */
        WRONG_CURRENCY("wrong-currency"),
        /** A refund of part of the payment: the order stays as it is; the merchant decides what it means. */
        PARTIAL_REFUND("partial-refund");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * @param expected what the matched intent (or, when none matched, the order) is for; null when not
     *                 applicable
     */
    public record Mismatch(Reason reason, Money expected, String detail) {

        public Mismatch {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Which of a pre-order's two payments an intent is; a standard order's one intent is its {@code WHOLE}. */
    public enum Part {
        WHOLE, DEPOSIT, BALANCE
    }

    /** The part of the order the event's intent pays, or empty when the intent is not the order's. */
    public static Optional<Part> part(Order order, PaymentEvent event) {
        String intent = event.intentId();
        if (intent == null) {
            return Optional.empty();
        }
        if (intent.equals(order.intentId())) {
            return Optional.of(order.preorder() ? Part.DEPOSIT : Part.WHOLE);
        }
        return order.preorder() && intent.equals(order.balanceIntentId()) ? Optional.of(Part.BALANCE)
                : Optional.empty();
    }

    /** What the part is for. */
    public static Money amountOf(Order order, Part part) {
        return switch (part) {
            case WHOLE -> order.amount();
            case DEPOSIT -> order.deposit();
            case BALANCE -> order.balance();
        };
    }

    /**
     * Empty when the event may move the order; otherwise why it may not. Checked for the events that move money
     * or stock (succeeded, failed, canceled, refunded); disputes are found by their intent, so they match by
     * construction, and other types change nothing anyway.
     */
    public static Optional<Mismatch> check(Order order, PaymentEvent event) {
        switch (event.type()) {
            case SUCCEEDED, FAILED, CANCELED, REFUNDED -> {
            }
            default -> {
                return Optional.empty();
            }
        }
        if (order.intentId() == null) {
            return Optional.of(new Mismatch(Reason.NO_INTENT_ON_RECORD, order.amount(),
                    "order " + order.orderId() + " has no payment intent on record; event's intent "
                            + event.intentId()));
        }
        Optional<Part> part = part(order, event);
        if (part.isEmpty()) {
            return Optional.of(new Mismatch(Reason.WRONG_INTENT, order.amount(),
                    "intent " + event.intentId() + " is not order " + order.orderId() + "'s (" + intents(order) + ")"));
        }
        Money expected = amountOf(order, part.get());
        String currency = expected.currency().getCurrencyCode();
        boolean moneyMoves = event.type() == PaymentEventType.SUCCEEDED
                || event.type() == PaymentEventType.REFUNDED;
        if (moneyMoves && (event.currency() == null || !currency.equals(event.currency().toUpperCase(Locale.ROOT)))) {
            return Optional.of(new Mismatch(Reason.WRONG_CURRENCY, expected,
                    "paid in " + event.currency() + ", the order is in " + currency));
        }
        if (event.type() == PaymentEventType.SUCCEEDED
                && event.amountMinorUnits() != expected.minorUnits()) {
            return Optional.of(new Mismatch(Reason.WRONG_AMOUNT, expected,
                    "paid " + event.amountMinorUnits() + " minor units, the intent is for " + expected.minorUnits()));
        }
        if (event.type() == PaymentEventType.REFUNDED
                && event.amountMinorUnits() < expected.minorUnits()) {
            return Optional.of(new Mismatch(Reason.PARTIAL_REFUND, expected,
                    "refunded " + event.amountMinorUnits() + " of " + expected.minorUnits() + " minor units"));
        }
        return Optional.empty();
    }

    private static String intents(Order order) {
        return order.balanceIntentId() == null ? order.intentId() : order.intentId() + ", " + order.balanceIntentId();
    }
}
