package dev.microdrop.core.checkout;

/** Port in: hold stock for a buyer ({@code POST /checkout}). */
public interface CheckoutUseCase {

    CheckoutOutcome checkout(CheckoutCommand command);
}
