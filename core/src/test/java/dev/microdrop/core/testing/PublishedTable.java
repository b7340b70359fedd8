package dev.microdrop.core.testing;

import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.merchant.DropPauses;
import dev.microdrop.core.merchant.StockAdjustments;
import dev.microdrop.core.stock.Inventory;

/** One drop published into a store (in memory, or a table on DynamoDB Local), with the ports over it. */
public interface PublishedTable {

    Inventory inventory();

    DropReader reader();

    DropPauses pauses();

    StockAdjustments adjustments();

    /** The in-memory table, whose ports are all one object. */
    static PublishedTable of(InMemoryTable table) {
        return new PublishedTable() {
            @Override
            public Inventory inventory() {
                return table;
            }

            @Override
            public DropReader reader() {
                return table;
            }

            @Override
            public DropPauses pauses() {
                return table;
            }

            @Override
            public StockAdjustments adjustments() {
                return table;
            }
        };
    }
}
