package dev.microdrop.core.order;

import java.time.Instant;

/**
 * How a paid order was handed over, as facts beside its status (which stays {@code PAID}, so refunds, the
 * reconciliation and the revenue figures treat it as any paid order): a pickup order made ready at its hub and
 * collected there, or a shipment handed to a carrier. Every field is null until its step happened.
 *
 * @param pickupCode the code the buyer shows at the hub, issued when the order was made ready
 */
public record Handover(Instant readyAt, String pickupCode, Instant collectedAt, Instant shippedAt, String carrier,
                       String trackingNumber) {

    /** Nothing handed over yet. */
    public static final Handover NONE = new Handover(null, null, null, null, null, null);

    public Handover {
        if ((readyAt == null) != (pickupCode == null)) {
            throw new IllegalArgumentException("an order made ready has a pickup code, and only then");
        }
        if (collectedAt != null && readyAt == null) {
            throw new IllegalArgumentException("only an order made ready is collected");
        }
        if ((shippedAt == null) != (trackingNumber == null) || (shippedAt == null) != (carrier == null)) {
            throw new IllegalArgumentException("a shipment has its time, carrier and tracking number together");
        }
    }

    public Handover ready(Instant at, String code) {
        return new Handover(at, code, collectedAt, shippedAt, carrier, trackingNumber);
    }

    public Handover collected(Instant at) {
        return new Handover(readyAt, pickupCode, at, shippedAt, carrier, trackingNumber);
    }

    public Handover shipped(Instant at, String carrierName, String tracking) {
        return new Handover(readyAt, pickupCode, collectedAt, at, carrierName, tracking);
    }
}
