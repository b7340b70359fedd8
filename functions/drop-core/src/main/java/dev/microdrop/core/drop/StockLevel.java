package dev.microdrop.core.drop;

import java.util.Map;

/**
 * The counters of one SKU. At every moment {@code available + held + sold == released} and none is negative:
 * every stock change moves units between counters by the same amount, in one conditional write.
 *
 * <p>A SKU split by hub also has the same four counters per hub ({@code hubs}, by hub id), moved in the same
 * write as the SKU's; each hub balances on its own and the hubs add up to the SKU.
 */
public record StockLevel(String sku, int released, int available, int held, int sold, Map<String, StockLevel> hubs) {

    public StockLevel {
        hubs = Map.copyOf(hubs);
    }

    /** The counters of a SKU sold from one pool. */
    public StockLevel(String sku, int released, int available, int held, int sold) {
        this(sku, released, available, held, sold, Map.of());
    }

    public boolean balanced() {
        if (!(released >= 0 && available >= 0 && held >= 0 && sold >= 0
                && (long) available + held + sold == released)) {
            return false;
        }
        if (hubs.isEmpty()) {
            return true;
        }
        long[] sums = new long[4];
        for (StockLevel hub : hubs.values()) {
            if (!hub.balanced()) {
                return false;
            }
            sums[0] += hub.released;
            sums[1] += hub.available;
            sums[2] += hub.held;
            sums[3] += hub.sold;
        }
        return sums[0] == released && sums[1] == available && sums[2] == held && sums[3] == sold;
    }

    public boolean soldOut() {
        return available <= 0;
    }

    /** Units available at one hub; the SKU's whole availability when {@code hubId} is null. */
    public int available(String hubId) {
        if (hubId == null) {
            return available;
        }
        StockLevel hub = hubs.get(hubId);
        return hub == null ? 0 : hub.available;
    }
}
