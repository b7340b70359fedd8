package dev.microdrop.core.testing;

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
 * The payment provider port in memory, for tests: it records what was asked and answers as Stripe would for an
 * idempotent call (the same order and purpose get the same intent, a second refund of an order is the first one).
 * {@link #down} makes it fail as an unreachable provider does. {@code PaymentProviderContract} runs the same cases
 * against it and against the Stripe adapter talking to the local Stripe emulator.
 */
public final class RecordingPayments implements PaymentProvider {

    public final List<String> refundsAsked = new CopyOnWriteArrayList<>();
    /** Every intent asked for, as {@code <purpose>:<orderId>:<minor units>}. */
    public final List<String> intentsAsked = new CopyOnWriteArrayList<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** From now on every call fails, as when the provider cannot be reached; {@code false} brings it back. */
    public void down(boolean unreachable) {
        this.down = unreachable;
    }

    @Override
    public PaymentIntent createIntent(Order order, Money amount, String purpose) {
        if (down) {
            throw new IllegalStateException("payment provider unreachable");
        }
        intentsAsked.add(purpose + ":" + order.orderId() + ":" + amount.minorUnits());
        String id = ORDER.equals(purpose) ? "pi_" + order.orderId() : "pi_" + purpose + "_" + order.orderId();
        return new PaymentIntent("test", id, id + "_secret_test");
    }

    @Override
    public Refund refund(String orderId, String intentId, String reason) {
        if (down) {
            throw new IllegalStateException("payment provider unreachable");
        }
        refundsAsked.add(orderId);
        return refunds.computeIfAbsent(orderId, id -> new Refund("test", "re_" + id, "succeeded"));
    }

    /** Distinct orders refunded: what the provider actually paid back. */
    public long ordersRefunded() {
        return refunds.size();
    }
}
