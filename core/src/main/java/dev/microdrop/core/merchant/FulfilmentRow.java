package dev.microdrop.core.merchant;

import java.time.Instant;

/**
 * How one paid order is being handed over, as the merchant's KPIs see it: no address, no pickup code.
 *
 * @param hubId the pickup hub; null for a shipment
 */
public record FulfilmentRow(String orderId, String hubId, Instant readyAt, Instant collectedAt, Instant shippedAt) {

    public boolean pickup() {
        return hubId != null;
    }
}
