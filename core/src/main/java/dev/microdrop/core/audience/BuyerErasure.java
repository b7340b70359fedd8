package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Map;

/**
 * Port out, not implemented yet: erasing a buyer from what a store other than the audience keeps about them (the
 * drops' tables: orders' e-mail and ship-to address, waitlist places, pick tickets). Each store that keeps personal
 * data will implement it; the erasure door will call the audience's {@link Audience#erase} and then every {@code
 * BuyerErasure}. See docs/audience.md for what each drop must do (and must keep: the bookkeeping of a sale).
 */
public interface BuyerErasure {

    /** What one store erased: the kinds of record it changed, and how many. */
    record Erased(String store, Map<String, Integer> recordsByKind) {
    }

    /**
     * Removes the buyer's address and personal attributes from this store's records of {@code buyer}, keeping what
     * the books need by id only. Idempotent: erasing again erases nothing more.
     */
    Erased erase(BuyerId buyer, Instant at);
}
