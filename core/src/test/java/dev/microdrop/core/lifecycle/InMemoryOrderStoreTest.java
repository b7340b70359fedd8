package dev.microdrop.core.lifecycle;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The order store's contract, against the in-memory table the core's unit tests use. */
class InMemoryOrderStoreTest extends OrderStoreContract {

    @Override
    protected Published publish(Drop drop) {
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        table.publish(drop, NOW);
        return new Published() {
            @Override
            public Inventory inventory() {
                return table;
            }

            @Override
            public OrderStore orders() {
                return table;
            }

            @Override
            public DropReader reader() {
                return table;
            }
        };
    }
}
