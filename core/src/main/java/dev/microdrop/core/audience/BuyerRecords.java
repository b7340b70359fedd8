package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.time.Instant;
import java.util.List;

/**
 * Port out: what one store other than the audience (a drop's table; locally the one table every drop shares) keeps
 * about a buyer, for the buyer's access request. Its twin {@link BuyerErasure} erases the same records. See
 * docs/audience.md.
 */
public interface BuyerRecords {

    /**
     * What one store keeps about the buyer: each drop's orders of theirs (whole: lines, amounts, status, fulfilment
     * with the ship-to address, hand-over), their waitlist places (with the state of each), and the drops whose
     * insiders' passes they were given (an id and a time, no address).
     */
    record Kept(String store, List<Order> orders, List<Place> waitlist, List<InsiderPass> insiderPasses) {

        public Kept {
            orders = List.copyOf(orders);
            waitlist = List.copyOf(waitlist);
            insiderPasses = List.copyOf(insiderPasses);
        }

        public boolean isEmpty() {
            return orders.isEmpty() && waitlist.isEmpty() && insiderPasses.isEmpty();
        }
    }

    /** A waitlist place and where it stands: {@code WAITING}, {@code OFFERED} or {@code SKIPPED}. */
    record Place(WaitlistEntry entry, String status) {
    }

    /** The buyer was given an insiders' pass to {@code dropId} at {@code issuedAt}. */
    record InsiderPass(String dropId, Instant issuedAt) {
    }

    /** Everything this store keeps about {@code buyer}; empty lists when nothing. */
    Kept export(BuyerId buyer);
}
