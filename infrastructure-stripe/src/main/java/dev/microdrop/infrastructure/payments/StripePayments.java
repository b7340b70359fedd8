package dev.microdrop.infrastructure.payments;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.payment.Refund;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Stripe behind the {@link PaymentProvider} port, on the official stripe-java client.
 *
 * <p>Every call carries an idempotency key made from our order id, not a random one: a checkout retried by the
 * buyer, a Lambda retried after a timeout, or stripe-java's own network retries all land on the same
 * PaymentIntent or Refund instead of charging or refunding twice. Stripe remembers a key for 24 hours, longer
 * than any hold lives.
 */
public final class StripePayments implements PaymentProvider {

    public static final String PROVIDER = "stripe";
    public static final String STRIPE_API_BASE = "https://api.stripe.com";
    static final String INTENT_KEY_PREFIX = "microdrop-intent-";
    static final String REFUND_KEY_PREFIX = "microdrop-refund-";

    /** Stripe refuses metadata values longer than this; a refund must not fail because a reason is wordy. */
    private static final int METADATA_VALUE_MAX = 500;

    private final StripeClient stripe;

    public StripePayments(StripeClient stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
    }

    /**
     * The one place a Stripe client is built. {@code apiBase} is Stripe's ({@link #STRIPE_API_BASE}) in
     * production, or a stand-in (stripe-mock, the local runtime's simulator, a test stub). It is set on this
     * client only, through the builder, so nothing global ({@code Stripe.overrideApiBase}) leaks between clients
     * or tests.
     *
     * <p>Timeouts are far below stripe-java's defaults (30 s connect, 80 s read) because a buyer waits on the
     * checkout; two network retries are safe because of the idempotency keys.
     */
    public static StripeClient client(String secretKey, String apiBase) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("a Stripe secret key is required");
        }
        return StripeClient.builder()
                .setApiKey(secretKey)
                .setApiBase(normalisedBase(apiBase))
                .setConnectTimeout(2_000)
                .setReadTimeout(10_000)
                .setMaxNetworkRetries(2)
                .build();
    }

    /**
     * One intent per order and purpose: a standard order's key is {@code microdrop-intent-<orderId>} as it always
     * was; a pre-order's deposit and balance are {@code microdrop-intent-deposit-<orderId>} and
     * {@code microdrop-intent-balance-<orderId>}, two intents that never collide.
     */
    @Override
    public PaymentIntent createIntent(Order order, Money amount, String purpose) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(purpose, "purpose");
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(amount.minorUnits())
                .setCurrency(amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .putMetadata("orderId", order.orderId())
                .putMetadata("purpose", purpose)
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build());
        if (order.dropId() != null) {
            params.putMetadata("dropId", order.dropId());
        }
        try {
            com.stripe.model.PaymentIntent intent = stripe.v1().paymentIntents()
                    .create(params.build(), idempotencyKey(intentKey(order.orderId(), purpose)));
            return new PaymentIntent(PROVIDER, intent.getId(), intent.getClientSecret());
        } catch (StripeException e) {
            throw failure("creating the payment intent", order.orderId(), e);
        }
    }

    @Override
    public Refund refund(String orderId, String intentId, String reason) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(intentId, "intentId");
        // Stripe's own refund reason is a closed enum (duplicate, fraudulent, requested_by_customer); ours is
        // free text for support, so it travels in metadata.
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(intentId)
                .putMetadata("orderId", orderId);
        if (reason != null && !reason.isBlank()) {
            params.putMetadata("reason", truncated(reason));
        }
        try {
            com.stripe.model.Refund refund = stripe.v1().refunds()
                    .create(params.build(), idempotencyKey(REFUND_KEY_PREFIX + orderId));
            return new Refund(PROVIDER, refund.getId(), refund.getStatus());
        } catch (StripeException e) {
            throw failure("refunding payment intent " + intentId, orderId, e);
        }
    }

    static String intentKey(String orderId, String purpose) {
        return PaymentProvider.ORDER.equals(purpose) ? INTENT_KEY_PREFIX + orderId
                : INTENT_KEY_PREFIX + purpose + "-" + orderId;
    }

    private static RequestOptions idempotencyKey(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    /**
     * Built from the exception's structured fields rather than its message: Stripe already masks keys in its
     * messages, but ours should not depend on that. The cause stays attached for the stack trace.
     */
    private static PaymentProviderException failure(String what, String orderId, StripeException e) {
        Integer status = e.getStatusCode();
        StringBuilder message = new StringBuilder("Stripe: ").append(what).append(" for order ").append(orderId)
                .append(" failed: ");
        if (status == null || status == 0) {
            message.append("no answer (").append(e.getClass().getSimpleName()).append(')');
        } else {
            message.append("HTTP ").append(status);
        }
        if (e.getCode() != null) {
            message.append(", code ").append(e.getCode());
        }
        if (e.getRequestId() != null) {
            message.append(", request ").append(e.getRequestId());
        }
        boolean retryable = status == null || status == 0 || status == 409 || status == 429 || status >= 500;
        return new PaymentProviderException(message.toString(), retryable, e);
    }

    /** stripe-java appends paths like {@code /v1/refunds} to the base, so a trailing slash would double up. */
    private static String normalisedBase(String apiBase) {
        String base = apiBase == null || apiBase.isBlank() ? STRIPE_API_BASE : apiBase.strip();
        URI uri = URI.create(base);
        if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("the Stripe API base must be an http(s) URL: " + base);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static String truncated(String value) {
        if (value.length() <= METADATA_VALUE_MAX) {
            return value;
        }
        int end = METADATA_VALUE_MAX;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
