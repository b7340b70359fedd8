package dev.microdrop.core.payment;

import java.time.Instant;

/**
 * One provider event, verified and translated: applied exactly once, by {@code eventId}.
 *
 * @param orderId  our order, from the payment's metadata; null when the provider object carries none
 *                 (disputes), in which case {@code intentId} finds it
 * @param intentId the provider's payment intent
 */
public record PaymentEvent(
        String eventId,
        PaymentEventType type,
        String orderId,
        String intentId,
        long amountMinorUnits,
        String currency,
        Instant created) {
}
