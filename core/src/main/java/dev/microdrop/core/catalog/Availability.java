package dev.microdrop.core.catalog;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.events.StockSignals;
import java.time.Instant;

/**
 * What a directory says about a drop's stock as a whole, in schema.org's words. A summary for people deciding whether
 * to come, never a promise: the checkout's conditional write decides whether a unit can be held.
 *
 * <p>The units still to sell are those available now plus those later waves will release. None left: {@link #SOLD_OUT},
 * or {@link #PRE_ORDER} while the drop takes pre-orders; but while some are held for payment it is
 * {@link #LIMITED_AVAILABILITY}, since an unpaid hold puts its units back on sale. At or under the low-stock line
 * (a tenth of all the drop's units, at least one: {@link StockSignals#lowStockLine}) it is
 * {@link #LIMITED_AVAILABILITY}; above it, {@link #IN_STOCK}. A drop that has not opened yet is judged the same way
 * (its offer says from when it is valid).
 */
public enum Availability {
    IN_STOCK, LIMITED_AVAILABILITY, SOLD_OUT, PRE_ORDER;

    public static Availability of(DropSnapshot snapshot, Instant now) {
        Drop drop = snapshot.drop();
        long total = 0;
        long toSell = 0;
        long held = 0;
        for (Sku sku : drop.skus()) {
            StockLevel level = snapshot.stockOf(sku.sku()).orElse(null);
            int released = level == null ? 0 : level.released();
            total += sku.totalUnits();
            toSell += Math.max(0, level == null ? 0 : level.available()) + Math.max(0, sku.totalUnits() - released);
            held += level == null ? 0 : Math.max(0, level.held());
        }
        if (toSell == 0) {
            if (held > 0) {
                return LIMITED_AVAILABILITY;
            }
            return drop.takesPreordersAt(now) ? PRE_ORDER : SOLD_OUT;
        }
        int line = StockSignals.lowStockLine((int) Math.min(Integer.MAX_VALUE, total));
        return toSell <= line ? LIMITED_AVAILABILITY : IN_STOCK;
    }
}
