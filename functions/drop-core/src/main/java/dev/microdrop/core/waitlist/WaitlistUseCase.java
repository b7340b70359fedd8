package dev.microdrop.core.waitlist;

import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.CheckoutOutcome;

/** Port in: a buyer who met "sold out" waits for one SKU (the same body as a checkout). */
public interface WaitlistUseCase {

    CheckoutOutcome joinWaitlist(CheckoutCommand command);
}
