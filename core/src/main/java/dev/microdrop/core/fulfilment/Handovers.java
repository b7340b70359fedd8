package dev.microdrop.core.fulfilment;

import dev.microdrop.core.events.DomainEvent;
import java.time.Instant;

/**
 * Port out: a paid order's hand-over facts, each step written once by one conditional write on the order (with the
 * step's event, when it has one, in the same write). A write that finds the order otherwise changes nothing and
 * answers false; the core reads the order again and decides what that means (already done, or refused).
 */
public interface Handovers {

    /**
     * Sets {@code readyAt} and {@code pickupCode} and writes {@code event}, if the order is {@code PAID}, a pickup
     * and not made ready yet.
     */
    boolean markReady(String orderId, Instant readyAt, String pickupCode, DomainEvent event);

    /** Sets {@code collectedAt} and writes {@code event}, if the order is {@code PAID}, ready and not collected yet. */
    boolean markCollected(String orderId, Instant collectedAt, DomainEvent event);

    /**
     * Sets {@code shippedAt}, {@code carrier} and {@code trackingNumber}, if the order is {@code PAID}, a shipment and
     * not shipped yet, and writes {@code event}.
     */
    boolean markShipped(String orderId, Instant shippedAt, String carrier, String trackingNumber, DomainEvent event);
}
