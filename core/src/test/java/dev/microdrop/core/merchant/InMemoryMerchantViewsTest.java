package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.InMemoryWaitlist;
import java.time.Clock;
import java.time.ZoneOffset;

/** The merchant views' contract, against the in-memory table (with its waitlists). */
class InMemoryMerchantViewsTest extends MerchantViewsContract {

    @Override
    protected Published publish(Drop... drops) {
        InMemoryWaitlist waitlist = new InMemoryWaitlist();
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC)).withWaitlist(waitlist);
        for (Drop drop : drops) {
            table.publish(drop, NOW);
        }
        return new Published(table, table, table, table, table, waitlist, table);
    }
}
