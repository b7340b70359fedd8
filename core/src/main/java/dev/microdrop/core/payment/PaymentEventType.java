package dev.microdrop.core.payment;

/** What a provider's webhook says happened, in our words. */
public enum PaymentEventType {
    SUCCEEDED,
    FAILED,
    CANCELED,
    REFUNDED,
    DISPUTE_OPENED,
    DISPUTE_WON,
    DISPUTE_LOST,
    /** Anything else the provider sends: acknowledged and ignored. */
    UNKNOWN
}
