package dev.microdrop.core.merchant;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One entry of a SKU's inventory ledger, as the table keeps it: immutable, written with the counter change it
 * records, so a SKU's entries sum to its counters.
 *
 * @param entryId  unique within its SKU's ledger (its shard's, for a stock shard): {@code <orderId>#<MOVE>},
 *                 {@code WAVE#<n>}, {@code ADJUST#...}, with {@code #<hubId>} or {@code #<shard>} for one hub's or
 *                 shard's units
 * @param movement what moved the units: {@code HOLD}, {@code RELEASE}, {@code SALE}, {@code LATE_SALE},
 *                 {@code REFUND_RESTOCK} (an order's), {@code RELEASE_WAVE}, {@code PUBLISH_ADJUST}, {@code ADJUST},
 *                 {@code FLASH_RESTOCK}, {@code REBALANCE}
 * @param orderId  the order whose movement it is; null for releases and adjustments
 * @param hubId    the hub whose units moved, for a SKU split by hub; else null
 * @param shard    the stock shard whose units moved, for a sharded SKU; else null
 * @param reason   the reason recorded with it (the transition's, the adjustment's text, {@code wave 2}...)
 */
public record LedgerEntry(String sku, String entryId, Instant at, String movement, String orderId, String hubId,
                          Integer shard, int dReleased, int dAvailable, int dHeld, int dSold, String reason) {

    /** Oldest first; entries of one instant by SKU, shard and id, so the order is total and stable. */
    public static final Comparator<LedgerEntry> OLDEST_FIRST = Comparator.comparing(LedgerEntry::at)
            .thenComparing(LedgerEntry::sku)
            .thenComparing(e -> e.shard() == null ? -1 : e.shard())
            .thenComparing(LedgerEntry::entryId);

    public LedgerEntry {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(movement, "movement");
    }
}
