package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.PublishedTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The stock adjustments' and pauses' contract, against the in-memory table. */
class InMemoryStockAdjustmentsTest extends StockAdjustmentsContract {

    @Override
    protected PublishedTable publish(Drop drop) {
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        table.publish(drop, NOW);
        return PublishedTable.of(table);
    }
}
