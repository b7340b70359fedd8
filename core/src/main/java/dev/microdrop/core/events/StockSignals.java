package dev.microdrop.core.events;

import dev.microdrop.core.drop.StockLevel;
import java.time.Instant;
import java.util.Optional;

/**
 * When a SKU's available units call for a signal: SoldOut when they reach zero, StockLow when they cross the
 * low-stock line (a tenth of what was released, at least one unit) and stay above zero. The relay reports the
 * counters it saw move (facts); this decides whether they crossed a line, and makes the event. Event ids derive
 * from the change's source ({@code sourceId}, e.g. the stream record's sequence number), so a redelivered change
 * yields the same id.
 */
public final class StockSignals {

    /** What a fall of a SKU's available units crossed. */
    public enum Crossing {
        NONE, SOLD_OUT, STOCK_LOW
    }

    private StockSignals() {
    }

    /** What a move of available units from {@code before} to {@code after} crossed, with {@code released} out. */
    public static Crossing crossing(int before, int after, int released) {
        int line = lowStockLine(released);
        if (before > 0 && after <= 0) {
            return Crossing.SOLD_OUT;
        }
        return before > line && after <= line && after > 0 ? Crossing.STOCK_LOW : Crossing.NONE;
    }

    /** StockLow's line: a tenth of what was released, at least one unit. */
    public static int lowStockLine(int released) {
        return Math.max(1, released / 10);
    }

    /** The signal a move of one SKU item's counters calls for, if any. */
    public static Optional<DomainEvent> of(String dropId, String sku, int before, int after, int released,
            String sourceId, Instant now) {
        return switch (crossing(before, after, released)) {
            case SOLD_OUT -> Optional.of(soldOut(dropId, sku, sourceId, now));
            case STOCK_LOW -> Optional.of(stockLow(dropId, sku, sourceId, now, after, released));
            case NONE -> Optional.empty();
        };
    }

    /**
     * The signal a crossing of summed counters (a sharded SKU's summary, heard shard by shard) calls for, once the
     * shards themselves ({@code exact}) confirm it: shards heard at different moments can add up to a zero, or a
     * low, that never was.
     */
    public static Optional<DomainEvent> confirmed(String dropId, String sku, Crossing summed, StockLevel exact,
            String sourceId, Instant now) {
        if (summed == Crossing.SOLD_OUT && exact.available() <= 0) {
            return Optional.of(soldOut(dropId, sku, sourceId, now));
        }
        if (summed == Crossing.STOCK_LOW && exact.available() > 0
                && exact.available() <= lowStockLine(exact.released())) {
            return Optional.of(stockLow(dropId, sku, sourceId, now, exact.available(), exact.released()));
        }
        return Optional.empty();
    }

    private static DomainEvent soldOut(String dropId, String sku, String sourceId, Instant now) {
        return new DomainEvent.SoldOut("evt_soldout_" + dropId + "_" + sku + "_" + sourceId, now, dropId, sku);
    }

    private static DomainEvent stockLow(String dropId, String sku, String sourceId, Instant now, int available,
            int released) {
        return new DomainEvent.StockLow("evt_stocklow_" + dropId + "_" + sku + "_" + sourceId, now, dropId, sku,
                available, lowStockLine(released));
    }
}
