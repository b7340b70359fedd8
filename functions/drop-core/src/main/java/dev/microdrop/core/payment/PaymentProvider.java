package dev.microdrop.core.payment;

import dev.microdrop.core.checkout.Order;

/**
 * Port out: the payment provider (Stripe in production). Every call is idempotent per order, so a retried
 * checkout or a redelivered webhook never charges or refunds twice.
 */
public interface PaymentProvider {

    /** A payment intent for the order's held amount, with the order id in its metadata. */
    PaymentIntent createIntent(Order order);

    /** Refunds the whole payment of the order. */
    Refund refund(String orderId, String intentId, String reason);
}
