package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.merchant.MerchantViewsContract;
import java.time.Clock;
import java.time.ZoneOffset;

/** The merchant views' contract, against {@link DynamoDbMerchantViews} on DynamoDB Local. */
class DynamoDbMerchantViewsContractIntegrationTest extends MerchantViewsContract {

    @Override
    protected Published publish(Drop... drops) {
        String table = LocalDynamoDb.newTable();
        for (Drop drop : drops) {
            new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new Published(new DynamoDbMerchantViews(LocalDynamoDb.client(), table),
                new DynamoDbInventory(LocalDynamoDb.client(), table),
                new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table),
                new DynamoDbWaitlist(LocalDynamoDb.client(), table),
                new DynamoDbStockAdjustments(LocalDynamoDb.client(), table));
    }
}
