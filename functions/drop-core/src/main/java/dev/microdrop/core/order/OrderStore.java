package dev.microdrop.core.order;

import java.util.Optional;

/** Port out: orders, and the one atomic write that moves an order through its life. */
public interface OrderStore extends OrderReader {

    /** The order a provider's payment intent belongs to (for events that carry no order id, e.g. disputes). */
    Optional<String> orderIdForIntent(String intentId);

    TransitionResult apply(Transition transition);

    /** Marks a provider event as applied when it changes nothing else (unknown types, no-ops, disputes). */
    boolean recordEvent(String providerEventId, String orderId, String note);

    /** Records the dispute state on the order; never touches stock. Applied once per provider event. */
    TransitionResult recordDispute(String orderId, String providerEventId, String disputeState);
}
