package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.lifecycle.OrderStoreContract;
import dev.microdrop.core.stock.Inventory;
import java.time.Clock;
import java.time.ZoneOffset;

/** The order store's contract, against {@link DynamoDbOrderStore} on DynamoDB Local. */
class DynamoDbOrderStoreContractIntegrationTest extends OrderStoreContract {

    @Override
    protected Published publish(Drop drop) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new Published() {
            @Override
            public Inventory inventory() {
                return new DynamoDbInventory(LocalDynamoDb.client(), table);
            }

            @Override
            public OrderStore orders() {
                return new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock);
            }

            @Override
            public DropReader reader() {
                return new DynamoDbDropReader(LocalDynamoDb.client(), table, clock);
            }
        };
    }
}
