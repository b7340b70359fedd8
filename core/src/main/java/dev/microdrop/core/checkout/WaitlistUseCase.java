package dev.microdrop.core.checkout;


/** Port in: a buyer who met "sold out" waits for one SKU (the same body as a checkout). */
public interface WaitlistUseCase {

    CheckoutOutcome joinWaitlist(CheckoutCommand command);
}
