package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.merchant.DropPublisherContract;
import java.time.Clock;
import java.time.ZoneOffset;

/** The publisher's contract, against {@link DynamoDbDropPublisher} on DynamoDB Local. */
class DynamoDbDropPublisherContractIntegrationTest extends DropPublisherContract {

    @Override
    protected Store store() {
        String table = LocalDynamoDb.newTable();
        return new Store(new DynamoDbDropPublisher(LocalDynamoDb.client(), table),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC)),
                new DynamoDbInventory(LocalDynamoDb.client(), table),
                () -> LocalDynamoDb.scan(table).stream().filter(i -> i.get("pk").s().startsWith("OUTBOX#"))
                        .map(i -> i.get("detailType").s()).toList());
    }
}
