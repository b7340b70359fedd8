package dev.microdrop.core.checkout;

/** Port in: a buyer who met "sold out" waits for one SKU ({@code POST /waitlist}, the same body as a checkout). */
public interface WaitlistUseCase {

    WaitlistOutcome joinWaitlist(CheckoutCommand command);
}
