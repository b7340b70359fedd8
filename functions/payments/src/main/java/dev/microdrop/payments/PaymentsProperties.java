package dev.microdrop.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payments function's settings ({@code MICRODROP_PAYMENTS_*} environment variables).
 *
 * @param stripeSecretKey       Stripe's secret API key (for refunds of late payments)
 * @param stripeApiBase         Stripe's API base; only changed for tests and the local runtime
 * @param webhookSecret         the endpoint's signing secret ({@code whsec_...})
 * @param webhookPreviousSecret the secret being rotated out, accepted until it is removed; optional
 * @param expiryQueueUrl        the hold-expiry queue, for holds longer than SQS's 15-minute delay
 */
@ConfigurationProperties("microdrop.payments")
public record PaymentsProperties(
        String stripeSecretKey,
        String stripeApiBase,
        String webhookSecret,
        String webhookPreviousSecret,
        String expiryQueueUrl) {

    public PaymentsProperties {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("set MICRODROP_PAYMENTS_WEBHOOK_SECRET to the endpoint's signing secret");
        }
    }
}
