package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.payment.Refund;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The payment provider port for lifecycle tests: it records what was asked and answers as Stripe would for an
 * idempotent call (the same order gets the same intent, a second refund of an order is the first one). Stripe
 * itself is not reachable here; the Stripe adapter is tested against a stub of its HTTP API.
 */
public final class RecordingPayments implements PaymentProvider {

    public final List<String> refundsAsked = new CopyOnWriteArrayList<>();
    /** Every intent asked for, as {@code <purpose>:<orderId>:<minor units>}. */
    public final List<String> intentsAsked = new CopyOnWriteArrayList<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();

    @Override
    public PaymentIntent createIntent(Order order, Money amount, String purpose) {
        intentsAsked.add(purpose + ":" + order.orderId() + ":" + amount.minorUnits());
        String id = ORDER.equals(purpose) ? "pi_" + order.orderId() : "pi_" + purpose + "_" + order.orderId();
        return new PaymentIntent("test", id, id + "_secret_test");
    }

    @Override
    public Refund refund(String orderId, String intentId, String reason) {
        refundsAsked.add(orderId);
        return refunds.computeIfAbsent(orderId, id -> new Refund("test", "re_" + id, "succeeded"));
    }

    /** Distinct orders refunded: what the provider actually paid back. */
    public long ordersRefunded() {
        return refunds.size();
    }
}
