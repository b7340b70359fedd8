package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.reconcile.ReconcilerContract;
import dev.microdrop.core.testing.MutableClock;

/** The reconciler's contract, against {@link DynamoDbReconciler} on DynamoDB Local (its ledger checked too). */
class DynamoDbReconcilerContractIntegrationTest extends ReconcilerContract {

    @Override
    protected Published publish(Drop drop, MutableClock clock) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        return new Published(new DynamoDbReconciler(LocalDynamoDb.client(), table, clock),
                new DynamoDbInventory(LocalDynamoDb.client(), table),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbWaitlist(LocalDynamoDb.client(), table));
    }
}
