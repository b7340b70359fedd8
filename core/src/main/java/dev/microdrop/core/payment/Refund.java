package dev.microdrop.core.payment;

/** A refund the provider accepted. */
public record Refund(String provider, String refundId, String status) {
}
