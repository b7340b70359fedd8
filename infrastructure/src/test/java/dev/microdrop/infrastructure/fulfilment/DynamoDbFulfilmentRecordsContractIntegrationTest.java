package dev.microdrop.infrastructure.fulfilment;

import dev.microdrop.core.fulfilment.FulfilmentRecords;
import dev.microdrop.core.fulfilment.FulfilmentRecordsContract;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import java.util.Optional;

/** The fulfilment records' contract, against {@link DynamoDbFulfilmentRecords} on DynamoDB Local. */
class DynamoDbFulfilmentRecordsContractIntegrationTest extends FulfilmentRecordsContract {

    private final DynamoDbFulfilmentRecords records =
            new DynamoDbFulfilmentRecords(LocalDynamoDb.client(), LocalDynamoDb.newTable());

    @Override
    protected FulfilmentRecords records() {
        return records;
    }

    @Override
    protected Optional<FulfilmentTask> find(String orderId) {
        return records.find(orderId);
    }
}
