package dev.microdrop.core.waitlist;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.order.Fulfilment;
import java.time.Instant;

/** A buyer's place in a SKU's waitlist: what they want and how they will collect it, in order of joining. */
public record WaitlistEntry(String dropId, String sku, BuyerId buyerId, String buyerEmail, int quantity,
                            Fulfilment fulfilment, Instant joinedAt) {

    /** The same place without the e-mail and with the ship-to address erased (docs/audience.md). */
    public WaitlistEntry withoutPersonalData() {
        return new WaitlistEntry(dropId, sku, buyerId, null, quantity, fulfilment.withoutPersonalData(), joinedAt);
    }
}
