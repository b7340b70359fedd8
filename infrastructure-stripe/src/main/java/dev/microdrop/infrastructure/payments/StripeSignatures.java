package dev.microdrop.infrastructure.payments;

import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;

/**
 * Produces {@code Stripe-Signature} header values the way Stripe does, so the local runtime's payment simulator
 * (and tests) can send webhooks that {@link StripeWebhooks} accepts. The HMAC is stripe-java's, so the two sides
 * cannot drift apart.
 */
public final class StripeSignatures {

    private StripeSignatures() {
    }

    /** {@code t=<ts>,v1=<hex HMAC-SHA256 of "<ts>.<payload>" keyed with the secret>}. */
    public static String sign(String payload, String secret, long timestampSeconds) {
        return signWithSecrets(payload, timestampSeconds, secret);
    }

    /** One {@code v1} entry per secret, in order: what Stripe sends while a signing secret is being rolled. */
    public static String signWithSecrets(String payload, long timestampSeconds, String... secrets) {
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException("at least one secret is required");
        }
        String signed = timestampSeconds + "." + payload;
        StringBuilder header = new StringBuilder("t=").append(timestampSeconds);
        for (String secret : secrets) {
            header.append(',').append(Webhook.Signature.EXPECTED_SCHEME).append('=').append(hmac(secret, signed));
        }
        return header.toString();
    }

    private static String hmac(String secret, String message) {
        try {
            return Webhook.Util.computeHmacSha256(secret, message);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a JDK-mandated algorithm; this is a broken runtime, not a bad input.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
