package dev.microdrop.core.checkout;

/** Where an order is in its life. A checkout creates orders in {@link #HELD}. */
public enum OrderStatus {
    HELD, PAID, EXPIRED, CANCELLED, REFUNDED
}
