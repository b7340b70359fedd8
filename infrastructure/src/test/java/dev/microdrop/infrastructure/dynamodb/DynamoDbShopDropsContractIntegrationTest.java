package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.BuyerRecordsContract;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A deployed shop's drops, found by its stack's table prefix and the drops it was told of, keep the buyer records'
 * contract on DynamoDB Local; a drop the shop was never told of is not one of its tables.
 */
class DynamoDbShopDropsContractIntegrationTest extends BuyerRecordsContract {

    private final String prefix = "microdrop.t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final InMemoryShopRecords told = new InMemoryShopRecords();

    @Override
    protected Store store(Drop drop) {
        String table = prefix + drop.dropId();
        DropTable.createIfMissing(LocalDynamoDb.client(), table);
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        told.append(DomainEvent.dropPublished(drop, NOW));
        DynamoDbShopDrops drops = new DynamoDbShopDrops(LocalDynamoDb.client(), told, prefix);
        return new Store(drops, drops, order -> LocalDynamoDb.client().putItem(r -> r.tableName(table)
                .item(OrderItems.order(order, "contract-" + order.orderId()))),
                new DynamoDbWaitlist(LocalDynamoDb.client(), table),
                new DynamoDbFulfilmentRecords(LocalDynamoDb.client(), table),
                new DynamoDbMerchantViews(LocalDynamoDb.client(), table));
    }

    @Test
    void theTables_areThePrefixAndEachDropTheShopWasToldOf() {
        DynamoDbShopDrops drops = new DynamoDbShopDrops(LocalDynamoDb.client(), told, prefix);
        assertThat(drops.tables()).isEmpty();

        store(dev.microdrop.core.testing.Drops.at(NOW).sku("A", 5).build());

        assertThat(drops.tables()).containsExactly(prefix + dev.microdrop.core.testing.Drops.DROP);
    }
}
