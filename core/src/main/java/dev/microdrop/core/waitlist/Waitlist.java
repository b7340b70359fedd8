package dev.microdrop.core.waitlist;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import java.util.List;
import java.util.Optional;

/** Port out: the waitlists and the claims offered from them. */
public interface Waitlist {

    /** @return false if the buyer already waits for this SKU */
    boolean join(WaitlistEntry entry);

    /** The first waiting entries of a SKU, in order of joining. */
    List<WaitlistEntry> waiting(String dropId, String sku, int limit);

    /**
     * Marks the entry offered (once: only if still waiting), records the buyer's claim on {@code order} and writes
     * the event, in one write. @return false if the entry was no longer waiting
     */
    boolean offered(WaitlistEntry entry, Order order, DomainEvent.WaitlistClaimOffered event);

    /**
     * Writes the event that the SKU's units, the line served, are on sale to everyone; once per event id (the same
     * event again writes nothing).
     */
    void backInStock(DomainEvent.BackInStock event);

    /** Takes the entry out of the line without an offer (the buyer may not buy more). */
    void skip(WaitlistEntry entry, String why);

    /** The buyer's claim in this drop, if one was offered: the order that waits for them (in whatever state). */
    Optional<Order> claim(String dropId, String buyerId);
}
