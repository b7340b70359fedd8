package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.fulfilment.Handovers;
import dev.microdrop.core.fulfilment.HandoversContract;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.merchant.MerchantViews;
import dev.microdrop.core.stock.Inventory;
import java.time.Clock;
import java.time.ZoneOffset;

/** The hand-overs' contract, against {@link DynamoDbHandovers} (and the views' reads) on DynamoDB Local. */
class DynamoDbHandoversContractIntegrationTest extends HandoversContract {

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
            public Handovers handovers() {
                return new DynamoDbHandovers(LocalDynamoDb.client(), table);
            }

            @Override
            public MerchantViews views() {
                return new DynamoDbMerchantViews(LocalDynamoDb.client(), table);
            }
        };
    }
}
