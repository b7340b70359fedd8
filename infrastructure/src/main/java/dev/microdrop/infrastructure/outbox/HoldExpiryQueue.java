package dev.microdrop.infrastructure.outbox;

import java.time.Instant;

/** Where a hold's end is scheduled, so the hold is released within seconds of expiring. */
public interface HoldExpiryQueue {

    void schedule(String orderId, Instant holdExpiresAt);
}
