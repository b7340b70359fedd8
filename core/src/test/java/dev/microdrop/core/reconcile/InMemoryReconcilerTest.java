package dev.microdrop.core.reconcile;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.InMemoryWaitlist;
import dev.microdrop.core.testing.MutableClock;

/** The reconciler's contract, against the in-memory table. */
class InMemoryReconcilerTest extends ReconcilerContract {

    @Override
    protected Published publish(Drop drop, MutableClock clock) {
        InMemoryTable table = new InMemoryTable(clock);
        table.publish(drop, NOW);
        return new Published(table, table, table, table, new InMemoryWaitlist());
    }
}
