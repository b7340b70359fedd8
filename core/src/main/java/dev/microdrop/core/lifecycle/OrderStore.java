package dev.microdrop.core.lifecycle;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.OrderReader;
import dev.microdrop.core.payment.PaymentIntent;
import java.util.Optional;

/** Port out: orders, and the one atomic write that moves an order through its life. */
public interface OrderStore extends OrderReader {

    /** The order a provider's payment intent belongs to (for events that carry no order id, e.g. disputes). */
    Optional<String> orderIdForIntent(String intentId);

    /** Remembers that {@code intent} is {@code orderId}'s (see {@link #orderIdForIntent}); idempotent. */
    void recordIntent(PaymentIntent intent, String orderId);

    TransitionResult apply(Transition transition);

    /** Marks a provider event as applied when it changes nothing else (unknown types, no-ops, disputes). */
    boolean recordEvent(String providerEventId, String orderId, String note);

    /**
     * Marks a provider event as applied without changing the order, and writes {@code event} (telling the merchant
     * why) in the same write. False when the provider event was applied before; then nothing is written.
     */
    boolean recordEvent(String providerEventId, String orderId, String note, DomainEvent event);

    /** Records the dispute state on the order; never touches stock. Applied once per provider event. */
    TransitionResult recordDispute(String orderId, String providerEventId, String disputeState);
}
