package dev.microdrop.core.payment;

/**
 * A provider's payment intent for one order.
 *
 * @param clientSecret what the storefront needs to confirm the payment in the browser; secret to the buyer
 */
public record PaymentIntent(String provider, String intentId, String clientSecret) {
}
