package dev.microdrop.core.payment;

import dev.microdrop.core.testing.RecordingPayments;

/** The payment provider's contract, against the in-memory one the tests use. */
class RecordingPaymentsTest extends PaymentProviderContract {

    @Override
    protected PaymentProvider provider() {
        return new RecordingPayments();
    }
}
