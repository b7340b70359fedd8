package dev.microdrop.core.drop;

import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The drop reader's contract, against the in-memory table. */
class InMemoryDropReaderTest extends DropReaderContract {

    @Override
    protected DropReader publish(Drop... drops) {
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        for (Drop drop : drops) {
            table.publish(drop, NOW);
        }
        return table;
    }
}
