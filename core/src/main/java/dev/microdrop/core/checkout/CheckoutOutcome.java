package dev.microdrop.core.checkout;

import java.time.Instant;
import java.util.List;

/**
 * Every answer to a checkout ({@code POST /checkout}). The HTTP edge maps each to a status; none of them is an
 * exception. The answers other doors give too are in {@link Answers}.
 */
public sealed interface CheckoutOutcome permits Answers.Refusal, Answers.OrderAnswer, Answers.DropNotOpen,
        CheckoutOutcome.SoldOut, CheckoutOutcome.SlotFull, CheckoutOutcome.InsidersOnly,
        CheckoutOutcome.AccessRefused {

    /** At least one line cannot be held; nothing was held. {@code remaining} says what is left per SKU asked for. */
    record SoldOut(List<Remaining> remaining) implements CheckoutOutcome {
        public SoldOut {
            remaining = List.copyOf(remaining);
        }
    }

    /** The chosen pickup slot is full; {@code otherSlots} says which slots of the hub still have seats. */
    record SlotFull(String hubId, String slotId, List<String> otherSlots) implements CheckoutOutcome {
        public SlotFull {
            otherSlots = List.copyOf(otherSlots);
        }
    }

    /**
     * {@code sku} is in an insiders' flash-restock window until {@code until}: only buyers with an access token may
     * hold it until then, and everyone after. Nothing was held.
     */
    record InsidersOnly(String sku, Instant until) implements CheckoutOutcome {
    }

    /** In an insiders' window, without a valid access token for this buyer: {@code reason} says what is wrong. */
    record AccessRefused(String reason, Instant opensAt) implements CheckoutOutcome {
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
