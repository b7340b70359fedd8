package dev.microdrop.core.stock;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.waves.WaveService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The inventory's contract, against the in-memory implementation the core's unit tests use. */
class InMemoryInventoryTest extends InventoryContract {

    @Override
    protected Published publish(Drop drop) {
        InMemoryTable inventory = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        inventory.publish(drop, NOW);
        return new Published() {
            @Override
            public Inventory inventory() {
                return inventory;
            }

            @Override
            public DropReader reader() {
                return inventory;
            }

            @Override
            public void pause() {
                inventory.pause(Drops.DROP, NOW);
            }

            @Override
            public void flashRestock(String sku, int units, Instant until) {
                inventory.flashRestock(Drops.DROP, sku, units, until, NOW);
            }

            @Override
            public void fireWave(int wave) {
                new WaveService(inventory, inventory, Clock.fixed(NOW, ZoneOffset.UTC)).fire(Drops.DROP, wave);
            }

            @Override
            public ReconciliationReport reconcile() {
                return inventory.reconcile();
            }
        };
    }
}
