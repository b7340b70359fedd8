package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.preorder.PreorderBookContract;

/** The pre-order book's contract, against {@link DynamoDbPreorders} on DynamoDB Local. */
class DynamoDbPreorderBookContractIntegrationTest extends PreorderBookContract {

    @Override
    protected Published publish(Drop drop) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        return new Published(new DynamoDbInventory(LocalDynamoDb.client(), table),
                new DynamoDbPreorders(LocalDynamoDb.client(), table));
    }
}
