package dev.microdrop.infrastructure.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.microdrop.core.payment.PaymentEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a Stripe webhook delivery and translates it into a {@link PaymentEvent}.
 *
 * <p>The signature is checked by stripe-java ({@link Webhook.Signature#verifyHeader}): it compares in constant
 * time and accepts a header with several {@code v1} signatures, which is what Stripe sends while a signing
 * secret is being rolled. We try each configured secret, so a rotation is: add the new secret, roll it in the
 * dashboard, drop the old one once its grace period has passed.
 *
 * <p>Nothing here logs: the payload holds buyers' data and the header is as good as a credential for the
 * tolerance window. The refusal reason is the only thing worth logging, and it is safe to.
 */
public final class StripeWebhooks {

    /** Stripe's own default: long enough for clock skew and slow delivery, short enough to stop replays. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public StripeWebhooks(List<String> secrets) {
        this(secrets, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public StripeWebhooks(List<String> secrets, Duration tolerance) {
        this(secrets, tolerance, Clock.systemUTC());
    }

    public StripeWebhooks(List<String> secrets, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secrets, "secrets");
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("at least one webhook signing secret is required, and none blank");
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the tolerance must be positive: a zero tolerance accepts replays");
        }
        this.secrets = List.copyOf(secrets);
        this.tolerance = tolerance;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WebhookResult verify(String rawPayload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new WebhookResult.Refused(WebhookResult.Refused.MISSING_HEADER);
        }
        Optional<Long> timestamp = timestamp(signatureHeader);
        if (timestamp.isEmpty()) {
            return new WebhookResult.Refused(WebhookResult.Refused.MALFORMED_HEADER);
        }
        if (rawPayload == null) {
            return new WebhookResult.Refused(WebhookResult.Refused.NOT_AN_EVENT);
        }
        if (secrets.stream().noneMatch(secret -> signedWith(rawPayload, signatureHeader, secret))) {
            return new WebhookResult.Refused(WebhookResult.Refused.NO_MATCHING_SIGNATURE);
        }
        if (!withinTolerance(timestamp.get())) {
            return new WebhookResult.Refused(WebhookResult.Refused.TIMESTAMP_OUTSIDE_TOLERANCE);
        }
        return StripeEvents.translate(rawPayload)
                .<WebhookResult>map(WebhookResult.Verified::new)
                .orElseGet(() -> new WebhookResult.Refused(WebhookResult.Refused.NOT_AN_EVENT));
    }

    /**
     * Only the signature is left to stripe-java here (tolerance 0 switches its time check off); the time is
     * checked once afterwards, so a stale delivery is told apart from a forged one without reading the
     * library's exception messages.
     */
    private boolean signedWith(String payload, String header, String secret) {
        try {
            return Webhook.Signature.verifyHeader(payload, header, secret, 0);
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    /**
     * Stripe only refuses old timestamps; a future one is refused as well, since a header dated ahead would stay
     * replayable for longer than the tolerance.
     */
    private boolean withinTolerance(long timestampSeconds) {
        long now = clock.millis() / 1000;
        return Math.abs(now - timestampSeconds) <= tolerance.toSeconds();
    }

    /**
     * The header's timestamp, if the header has Stripe's shape: comma-separated {@code key=value} pairs with one
     * numeric {@code t} and at least one {@code v1}. Other schemes (test mode also sends {@code v0}) are allowed
     * and ignored. Checked here because stripe-java fails on some malformed headers with unchecked exceptions.
     */
    static Optional<Long> timestamp(String header) {
        Long timestamp = null;
        boolean signature = false;
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                return Optional.empty();
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if ("t".equals(key)) {
                if (timestamp != null || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Optional.empty();
                }
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException tooLong) {
                    return Optional.empty();
                }
            } else if (Webhook.Signature.EXPECTED_SCHEME.equals(key)) {
                signature = true;
            }
        }
        return timestamp != null && signature ? Optional.of(timestamp) : Optional.empty();
    }
}
