package dev.microdrop.core.order;

/**
 * Where an order is in its life. A checkout creates orders in {@link #HELD}; so does a pre-order (its deposit
 * pending). Only pre-orders pass through {@link #RESERVED} and {@link #BALANCE_DUE}.
 */
public enum OrderStatus {
    HELD, PAID, EXPIRED, CANCELLED, REFUNDED,
    /** A pre-order whose deposit is paid, waiting for the merchant to confirm or cancel the run. */
    RESERVED,
    /** A pre-order whose run is confirmed: its balance intent is out, waiting for the buyer to pay it. */
    BALANCE_DUE;

    /** The one spelling outside the code: the API, the CSV, the KPIs and the webhook's outcome ({@code balance_due}). */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
