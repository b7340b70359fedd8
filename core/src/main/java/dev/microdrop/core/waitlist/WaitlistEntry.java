package dev.microdrop.core.waitlist;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.order.Fulfilment;
import java.time.Instant;

/** A buyer's place in a SKU's waitlist: what they want and how they will collect it, in order of joining. */
public record WaitlistEntry(String dropId, String sku, BuyerId buyerId, String buyerEmail, int quantity,
                            Fulfilment fulfilment, Instant joinedAt) {
}
