package dev.microdrop.core.fulfilment;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.merchant.MerchantViews;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The hand-overs' contract, against the in-memory table the core's unit tests use. */
class InMemoryHandoversTest extends HandoversContract {

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
            public Handovers handovers() {
                return table;
            }

            @Override
            public MerchantViews views() {
                return table;
            }
        };
    }
}
