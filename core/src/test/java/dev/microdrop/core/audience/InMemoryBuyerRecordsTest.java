package dev.microdrop.core.audience;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.InMemoryBuyerRecords;
import dev.microdrop.core.testing.InMemoryFulfilmentRecords;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.InMemoryWaitlist;
import java.time.Clock;
import java.time.ZoneOffset;

/** The buyer records' contract, in memory. */
class InMemoryBuyerRecordsTest extends BuyerRecordsContract {

    @Override
    protected Store store(Drop drop) {
        InMemoryWaitlist waitlist = new InMemoryWaitlist();
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC)).withWaitlist(waitlist);
        table.publish(drop, NOW);
        InMemoryFulfilmentRecords tasks = new InMemoryFulfilmentRecords();
        InMemoryBuyerRecords records = new InMemoryBuyerRecords("test-table", table, waitlist, tasks);
        return new Store(records, records, table::put, waitlist, tasks, table);
    }
}
