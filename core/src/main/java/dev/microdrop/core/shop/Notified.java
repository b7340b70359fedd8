package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Objects;

/**
 * A buyer of the shop's audience was told about a drop: issued an early-access pass, sent a "drop opens soon" mail,
 * offered a waitlist claim. A buyer told twice about one drop is one buyer of its notified audience.
 */
public record Notified(BuyerId buyerId, String dropId, Instant at) {

    public Notified {
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(dropId, "dropId");
    }
}
