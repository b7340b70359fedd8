package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Map;

/**
 * Port out: erasing a buyer from what a store other than the audience keeps about them (the drops' tables: orders'
 * e-mail and ship-to address, waitlist places, pick tickets; locally also the mailbox that stands in for the mail
 * service). {@link PrivacyRequests#erase} calls the audience's erasure and then every {@code BuyerErasure}. What each
 * must keep: the bookkeeping of a sale (orders, lines, amounts, ledger entries, counters), by id only. See
 * docs/audience.md.
 */
public interface BuyerErasure {

    /** Orders whose e-mail and ship-to address were erased (their lines, amounts and status kept). */
    String ORDERS = "orders";
    /** Pick tickets whose ship-to address was erased. */
    String PICK_TICKETS = "pick-tickets";
    /** Waitlist places whose e-mail (and address) were erased; a waiting one leaves the line. */
    String WAITLIST_PLACES = "waitlist-places";
    /** Mails removed from a mailbox that keeps sent mail (locally, the stand-in for the mail service). */
    String MAILS = "mails";

    /** What one store erased: the kinds of record it changed, and how many (none: nothing left to erase). */
    record Erased(String store, Map<String, Integer> recordsByKind) {

        public Erased {
            recordsByKind = Map.copyOf(recordsByKind);
        }

        public int total() {
            return recordsByKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Removes the buyer's address and personal attributes from this store's records of {@code buyer}, keeping what
     * the books need by id only. Idempotent: erasing again erases nothing more.
     */
    Erased erase(BuyerId buyer, Instant at);
}
