package dev.microdrop.core.testing;

import dev.microdrop.core.fulfilment.FulfilmentRecords;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link FulfilmentRecords} port in memory: the first task recorded for an order wins. {@code
 * FulfilmentRecordsContract} runs the same cases against this and against {@code DynamoDbFulfilmentRecords}.
 */
public final class InMemoryFulfilmentRecords implements FulfilmentRecords {

    private final Map<String, FulfilmentTask> tasks = new LinkedHashMap<>();

    @Override
    public synchronized boolean recordOnce(FulfilmentTask task) {
        return tasks.putIfAbsent(task.orderId(), task) == null;
    }

    public synchronized Optional<FulfilmentTask> find(String orderId) {
        return Optional.ofNullable(tasks.get(orderId));
    }

    /** Erases a pick ticket's ship-to address; whether there was one to erase. */
    public synchronized boolean eraseShipTo(String orderId) {
        if (tasks.get(orderId) instanceof FulfilmentTask.PickTicket ticket && !ticket.shipTo().isErased()) {
            tasks.put(orderId, ticket.withoutPersonalData());
            return true;
        }
        return false;
    }

    /** Every task recorded, by order id, in the order they were recorded. */
    public synchronized Map<String, FulfilmentTask> tasks() {
        return Map.copyOf(tasks);
    }
}
