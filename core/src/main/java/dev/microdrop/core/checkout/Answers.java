package dev.microdrop.core.checkout;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import java.time.Instant;
import java.util.List;

/**
 * Answers that more than one of the buyer's doors give (checkout, pre-order, waitlist), each declared once so the
 * edge maps it once. Each door's own outcome ({@link CheckoutOutcome}, {@link PreorderOutcome},
 * {@link WaitlistOutcome}) permits the ones it can give, and nothing else.
 */
public final class Answers {

    private Answers() {
    }

    /** Refusals of any buyer's request before a write: no such drop, a request the drop cannot serve, the limit. */
    public sealed interface Refusal extends CheckoutOutcome, PreorderOutcome, WaitlistOutcome
            permits DropNotFound, InvalidRequest, LimitReached {
    }

    /** Answers of a request that makes an order: a checkout or a pre-order. */
    public sealed interface OrderAnswer extends CheckoutOutcome, PreorderOutcome
            permits Reserved, PaymentUnavailable, KeyReused, Contended, DropPaused {
    }

    /** No such drop. */
    public record DropNotFound(String dropId) implements Refusal {
    }

    /** The request cannot be served as asked: bad fields, unknown SKUs or hubs. */
    public record InvalidRequest(List<Violation> violations) implements Refusal {
        public InvalidRequest {
            violations = List.copyOf(violations);
        }
    }

    /** The buyer would own more than the drop allows one buyer. */
    public record LimitReached(int limit, int alreadyHeld, int requested) implements Refusal {
    }

    /**
     * The order is made and its units (or its pre-order capacity) held for the buyer, and {@code payment} is the
     * provider's intent to pay for them (null once the order is no longer held). {@code replayed} when an earlier
     * request with the same key made the order.
     */
    public record Reserved(Order order, boolean replayed, PaymentIntent payment) implements OrderAnswer {
    }

    /** The order is made, but the payment provider could not be reached; retrying with the same key completes it. */
    public record PaymentUnavailable(Order order) implements OrderAnswer {
    }

    /** The idempotency key was already used for a different request. */
    public record KeyReused() implements OrderAnswer {
    }

    /** Too many concurrent writers on the same items for now; nothing was held, the buyer may retry. */
    public record Contended() implements OrderAnswer {
    }

    /** The merchant paused sales of the drop; nothing was held. Buyers may try again once it resumes. */
    public record DropPaused(Instant now) implements OrderAnswer {
    }

    /** The drop is not open at this moment: not yet, or no longer (a waitlist: no longer). */
    public record DropNotOpen(Instant opensAt, Instant closesAt, Instant now) implements CheckoutOutcome,
            WaitlistOutcome {
    }
}
