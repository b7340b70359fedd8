package dev.microdrop.core.fulfilment;

import dev.microdrop.core.testing.InMemoryFulfilmentRecords;
import java.util.Optional;

/** The fulfilment records' contract, in memory. */
class InMemoryFulfilmentRecordsTest extends FulfilmentRecordsContract {

    private final InMemoryFulfilmentRecords records = new InMemoryFulfilmentRecords();

    @Override
    protected FulfilmentRecords records() {
        return records;
    }

    @Override
    protected Optional<FulfilmentTask> find(String orderId) {
        return records.find(orderId);
    }
}
