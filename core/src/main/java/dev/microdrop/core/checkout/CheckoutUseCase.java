package dev.microdrop.core.checkout;

/** Port in: hold stock for a buyer. */
public interface CheckoutUseCase {

    CheckoutOutcome checkout(CheckoutCommand command);
}
