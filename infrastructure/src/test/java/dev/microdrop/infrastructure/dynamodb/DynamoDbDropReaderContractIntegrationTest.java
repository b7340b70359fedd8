package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropReaderContract;
import java.time.Clock;
import java.time.ZoneOffset;

/** The drop reader's contract, against {@link DynamoDbDropReader} on DynamoDB Local. */
class DynamoDbDropReaderContractIntegrationTest extends DropReaderContract {

    @Override
    protected DropReader publish(Drop... drops) {
        String table = LocalDynamoDb.newTable();
        for (Drop drop : drops) {
            new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        }
        return new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
