package dev.microdrop.infrastructure.payments;

/**
 * The payment provider did not do what we asked: it refused the request, failed, or never answered. Unchecked,
 * because no caller can fix it on the spot; the edge maps it (a checkout answers 502/503, a queue consumer lets
 * the message be retried).
 *
 * <p>The message names the operation, the order and the provider's status, error code and request id (what
 * support needs to find the call in Stripe's logs). It never carries the API key or the request's body.
 */
public final class PaymentProviderException extends RuntimeException {

    private final boolean retryable;

    public PaymentProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * True when the same call may succeed later (no answer, rate limited, conflict or a provider-side error).
     * Retrying is safe because every call carries an idempotency key derived from the order.
     */
    public boolean retryable() {
        return retryable;
    }
}
