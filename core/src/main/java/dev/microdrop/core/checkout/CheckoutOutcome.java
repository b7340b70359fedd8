package dev.microdrop.core.checkout;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import java.time.Instant;
import java.util.List;

/** Every expected answer to a checkout. The HTTP edge maps each to a status; none of them is an exception. */
public sealed interface CheckoutOutcome {

    /**
     * The units are held for the buyer, and {@code payment} is the provider's intent to pay for them.
     * {@code replayed} when an earlier request with the same key made the order.
     */
    record Reserved(Order order, boolean replayed, PaymentIntent payment) implements CheckoutOutcome {
    }

    /** The units are held, but the payment provider could not be reached; retrying with the same key completes it. */
    record PaymentUnavailable(Order order) implements CheckoutOutcome {
    }

    /** At least one line cannot be held; nothing was held. {@code remaining} says what is left per SKU asked for. */
    record SoldOut(List<Remaining> remaining) implements CheckoutOutcome {
        public SoldOut {
            remaining = List.copyOf(remaining);
        }
    }

    /** The buyer would own more than the drop allows one buyer. */
    record LimitReached(int limit, int alreadyHeld, int requested) implements CheckoutOutcome {
    }

    /** The chosen pickup slot is full; {@code otherSlots} says which slots of the hub still have seats. */
    record SlotFull(String hubId, String slotId, List<String> otherSlots) implements CheckoutOutcome {
        public SlotFull {
            otherSlots = List.copyOf(otherSlots);
        }
    }

    /** The drop is not open at this moment: not yet, or no longer. */
    record DropNotOpen(Instant opensAt, Instant closesAt, Instant now) implements CheckoutOutcome {
    }

    /** The merchant paused sales of the drop; nothing was held. Buyers may try again once it resumes. */
    record DropPaused(Instant now) implements CheckoutOutcome {
    }

    /**
     * {@code sku} is in an insiders' flash-restock window until {@code until}: only buyers with an access token may
     * hold it until then, and everyone after. Nothing was held.
     */
    record InsidersOnly(String sku, Instant until) implements CheckoutOutcome {
    }

    /** No such drop. */
    record DropNotFound(String dropId) implements CheckoutOutcome {
    }

    /** The request cannot be served as asked: bad fields, unknown SKUs or hubs. */
    record InvalidRequest(List<Violation> violations) implements CheckoutOutcome {
        public InvalidRequest {
            violations = List.copyOf(violations);
        }
    }

    /** The idempotency key was already used for a different request. */
    record KeyReused() implements CheckoutOutcome {
    }

    /** In the insider window, without a valid access token for this buyer: {@code reason} says what is wrong. */
    record AccessRefused(String reason, java.time.Instant opensAt) implements CheckoutOutcome {
    }

    /** The buyer waits for the SKU ({@code already}: they were waiting before); units that come back are offered in order. */
    record Waitlisted(String sku, boolean already) implements CheckoutOutcome {
    }

    /** The drop takes no pre-orders now: {@code why} says whether it never does or has closed. */
    record PreordersClosed(String why) implements CheckoutOutcome {
    }

    /**
     * A waitlist place asked for units that can be bought now (the drop is open and not paused, the SKU is not in
     * an insiders' window, and the buyer's hub or a ship-from hub has enough): check out instead; nothing was
     * written.
     */
    record InStock(String sku, int available) implements CheckoutOutcome {
    }

    /** A pre-order line's SKU can still be bought, or will be (a wave is still to come): check out instead. */
    record NotSoldOut(List<String> skus) implements CheckoutOutcome {
        public NotSoldOut {
            skus = List.copyOf(skus);
        }
    }

    /** The drop's pre-order capacity has fewer units left than asked for; nothing was taken. */
    record PreorderCapReached(int remaining) implements CheckoutOutcome {
    }

    /** Too many concurrent writers on the same items for now; nothing was held, the buyer may retry. */
    record Contended() implements CheckoutOutcome {
    }

    /**
     * What is left of one SKU, as last seen: {@code available} is the most this order could get with its
     * fulfilment (a pickup: its hub's units; a shipment: the fullest ship-from hub's, since a line ships from one
     * hub); {@code availableInAll} is every unit of the SKU on sale, as the catalog's {@code available} shows it.
     * They differ only for a SKU whose units sit at several hubs.
     */
    record Remaining(String sku, int available, int availableInAll) {
    }
}
