package dev.microdrop.core.merchant;

import java.time.Instant;

/** Port out: the merchant's changes to a SKU's units, each ledgered with its reason. */
public interface StockAdjustments {

    /**
     * Adds {@code delta} units (negative: takes them away) to the SKU, or to one hub's units of a SKU split by hub
     * ({@code hubId}, null otherwise); units can only be taken away while available. @return false when fewer were
     * available than a negative {@code delta} takes; nothing was written then
     */
    boolean adjust(String dropId, String sku, String hubId, int delta, String reason, Instant now);

    /** Adds {@code units} to the SKU, for insiders only until {@code until}, while the drop is open. */
    FlashRestockResult flashRestock(String dropId, String sku, int units, Instant until, Instant now);
}
