package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.merchant.DropPauses;
import dev.microdrop.core.merchant.StockAdjustments;
import dev.microdrop.core.merchant.StockAdjustmentsContract;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.PublishedTable;
import java.time.Clock;
import java.time.ZoneOffset;

/** The stock adjustments' and pauses' contract, against {@link DynamoDbStockAdjustments} and {@link DynamoDbDropPauses}. */
class DynamoDbStockAdjustmentsContractIntegrationTest extends StockAdjustmentsContract {

    @Override
    protected PublishedTable publish(Drop drop) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        return new PublishedTable() {
            @Override
            public Inventory inventory() {
                return new DynamoDbInventory(LocalDynamoDb.client(), table);
            }

            @Override
            public DropReader reader() {
                return new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC));
            }

            @Override
            public DropPauses pauses() {
                return new DynamoDbDropPauses(LocalDynamoDb.client(), table);
            }

            @Override
            public StockAdjustments adjustments() {
                return new DynamoDbStockAdjustments(LocalDynamoDb.client(), table);
            }
        };
    }
}
