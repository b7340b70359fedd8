package dev.microdrop.core.merchant;

import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The publisher's contract, against the in-memory table. */
class InMemoryDropPublisherTest extends DropPublisherContract {

    @Override
    protected Store store() {
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        return new Store(table, table, table,
                () -> table.events().stream().map(dev.microdrop.core.events.DomainEvent::type).toList());
    }
}
