package dev.microdrop.core.checkout;

/**
 * Every answer to joining a waitlist ({@code POST /waitlist}); the answers other doors give too are in
 * {@link Answers}.
 */
public sealed interface WaitlistOutcome permits Answers.Refusal, Answers.DropNotOpen, WaitlistOutcome.Waitlisted,
        WaitlistOutcome.InStock {

    /** The buyer waits for the SKU ({@code already}: they were waiting before); units that come back are offered in order. */
    record Waitlisted(String sku, boolean already) implements WaitlistOutcome {
    }

    /**
     * The place asked for units that can be bought now (the drop is open and not paused, the SKU is not in an
     * insiders' window, and the buyer's hub or a ship-from hub has enough): check out instead; nothing was written.
     */
    record InStock(String sku, int available) implements WaitlistOutcome {
    }
}
