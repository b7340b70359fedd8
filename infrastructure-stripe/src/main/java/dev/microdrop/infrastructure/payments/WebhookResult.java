package dev.microdrop.infrastructure.payments;

import dev.microdrop.core.payment.PaymentEvent;
import java.util.Objects;

/**
 * What a webhook delivery turned out to be. A refusal is an expected outcome (forged, replayed, or garbled
 * requests arrive on any public endpoint), so it is a value the handler answers with 400, not an exception.
 */
public sealed interface WebhookResult {

    /** Signed by Stripe with one of our secrets, recent, and an event; {@code event} may be of type UNKNOWN. */
    record Verified(PaymentEvent event) implements WebhookResult {

        public Verified {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Not to be acted on. {@code reason} is one of the constants below: safe to log and to answer with, as it
     * says nothing about the payload or the secrets.
     */
    record Refused(String reason) implements WebhookResult {

        public static final String MISSING_HEADER = "missing Stripe-Signature header";
        public static final String MALFORMED_HEADER = "malformed Stripe-Signature header";
        public static final String NO_MATCHING_SIGNATURE = "no matching signature";
        public static final String TIMESTAMP_OUTSIDE_TOLERANCE = "timestamp outside tolerance";
        public static final String NOT_AN_EVENT = "payload not an event";

        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
