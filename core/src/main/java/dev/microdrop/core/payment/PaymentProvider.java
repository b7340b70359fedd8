package dev.microdrop.core.payment;

import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Order;

/**
 * Port out: the payment provider (Stripe in production). Every call is idempotent per order (and per purpose), so
 * a retried checkout or a redelivered webhook never charges or refunds twice.
 */
public interface PaymentProvider {

    /** What an intent pays for: a standard order's whole amount, a pre-order's deposit, or its balance. */
    String ORDER = "order";
    String DEPOSIT = "deposit";
    String BALANCE = "balance";

    /** A payment intent for the order's held amount, with the order id in its metadata. */
    default PaymentIntent createIntent(Order order) {
        return createIntent(order, order.amount(), ORDER);
    }

    /**
     * A payment intent for {@code amount} of the order, for {@code purpose} ({@link #ORDER}, {@link #DEPOSIT} or
     * {@link #BALANCE}), with the order id and the purpose in its metadata. Idempotent per order and purpose: the
     * same call gives the same intent, and a deposit and a balance are two intents.
     */
    PaymentIntent createIntent(Order order, Money amount, String purpose);

    /** Refunds the whole payment of the order. */
    Refund refund(String orderId, String intentId, String reason);
}
