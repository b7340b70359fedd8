package dev.microdrop.core.drop;

/**
 * The counters of one SKU. At every moment {@code available + held + sold == released} and none is negative:
 * every stock change moves units between counters by the same amount, in one conditional write.
 */
public record StockLevel(String sku, int released, int available, int held, int sold) {

    public boolean balanced() {
        return released >= 0 && available >= 0 && held >= 0 && sold >= 0
                && (long) available + held + sold == released;
    }

    public boolean soldOut() {
        return available <= 0;
    }
}
