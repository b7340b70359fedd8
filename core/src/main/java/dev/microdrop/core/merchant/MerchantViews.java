package dev.microdrop.core.merchant;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Port out: what the merchant owns and sees of a drop beyond its stock: ownership, orders, the ledger, demand,
 * insiders. */
public interface MerchantViews {

    /** Claims {@code dropId} for the merchant; false when another merchant owns it. Idempotent for the owner. */
    boolean claim(String dropId, String merchantId);

    Optional<String> owner(String dropId);

    /** The drops the merchant owns that are published (in the drop directory), in no particular order. */
    List<String> dropsOf(String merchantId);

    /** Every order of the drop, as the merchant sees it (no e-mails, no addresses). */
    List<OrderRow> orders(String dropId);

    /**
     * How each of {@code orderIds} (the drop's) is being handed over: its pickup hub or shipment, and the hand-over
     * facts so far; orders not found are left out. The orders' index does not carry these (its projection is fixed),
     * so they are read from the orders themselves.
     */
    List<FulfilmentRow> fulfilment(String dropId, List<String> orderIds);

    /** Those of {@code buyerIds} who bought in another drop of this table. */
    Set<String> buyersElsewhere(String dropId, Set<String> buyerIds);

    /** Units released by each wave so far, from the ledger. */
    Map<Integer, Integer> releasedByWave(String dropId, List<Sku> skus);

    /**
     * Every entry of the drop's inventory ledger, of each of {@code skus} (a sharded SKU's from each of its shards'
     * ledgers too), in no particular order.
     */
    List<LedgerEntry> ledger(String dropId, List<Sku> skus);

    /** The waitlists of the drop's SKUs. */
    List<WaitlistRow> waitlist(String dropId, List<String> skus);

    /** The buyers given an insiders' token for the drop. */
    Set<String> insiders(String dropId);

    /** Records who got an insiders' token (by buyer id), so the KPIs count them as notified. */
    void recordInsiders(String dropId, List<BuyerId> buyers, Instant tokenExpiresAt, Instant now);
}
