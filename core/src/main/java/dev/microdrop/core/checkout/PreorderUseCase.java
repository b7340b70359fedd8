package dev.microdrop.core.checkout;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import java.util.Optional;

/** Port in: pre-order a sold-out SKU with a deposit, and find what a pre-order's buyer has to pay now. */
public interface PreorderUseCase {

    /** {@code POST /preorders}: the same command as a checkout; answered like one, with the deposit's intent. */
    PreorderOutcome preorder(CheckoutCommand command);

    /**
     * The intent the buyer pays next: a held pre-order's deposit, or a {@code BALANCE_DUE} pre-order's balance.
     * Empty for anything else. Idempotent at the provider, so it is the intent already made, with its secret.
     */
    Optional<PaymentIntent> paymentDue(Order order);
}
