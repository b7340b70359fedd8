package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.InventoryContract;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.waves.WaveService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The inventory's contract, against {@link DynamoDbInventory} on DynamoDB Local: the drop published as the merchant's door does. */
class DynamoDbInventoryContractIntegrationTest extends InventoryContract {

    @Override
    protected Published publish(Drop drop) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        DynamoDbDropReader reader = new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC));
        return new Published() {
            @Override
            public Inventory inventory() {
                return inventory;
            }

            @Override
            public DropReader reader() {
                return reader;
            }

            @Override
            public void pause() {
                new DynamoDbDropPauses(LocalDynamoDb.client(), table).pause(Drops.DROP, NOW);
            }

            @Override
            public void flashRestock(String sku, int units, Instant until) {
                new DynamoDbStockAdjustments(LocalDynamoDb.client(), table).flashRestock(Drops.DROP, sku, units, until, NOW);
            }

            @Override
            public void fireWave(int wave) {
                new WaveService(reader, new DynamoDbWaveReleases(LocalDynamoDb.client(), table),
                        Clock.fixed(NOW, ZoneOffset.UTC)).fire(Drops.DROP, wave);
            }

            @Override
            public ReconciliationReport reconcile() {
                return new DynamoDbReconciler(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC))
                        .reconcile();
            }
        };
    }
}
