package dev.microdrop.core.preorder;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The pre-order book's contract, against the in-memory table. */
class InMemoryPreorderBookTest extends PreorderBookContract {

    @Override
    protected Published publish(Drop drop) {
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        table.publish(drop, NOW);
        return new Published(table, table);
    }
}
