package dev.microdrop.local.payments;

import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.payment.PaymentProviderContract;
import dev.microdrop.infrastructure.payments.StripePayments;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** The payment provider's contract, against {@link StripePayments} talking to the local Stripe emulator over HTTP. */
class StripePaymentsContractIntegrationTest extends PaymentProviderContract {

    private LocalStripe stripe;

    @Override
    protected PaymentProvider provider() {
        try {
            stripe = new LocalStripe("whsec_contract", Clock.systemUTC()).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new StripePayments(StripePayments.client("sk_test_contract", stripe.apiBase()));
    }

    @AfterEach
    void stop() {
        stripe.close();
    }
}
