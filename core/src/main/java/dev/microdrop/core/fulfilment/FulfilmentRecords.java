package dev.microdrop.core.fulfilment;

/** Port out: the fulfilment tasks, at most one per order. */
public interface FulfilmentRecords {

    /**
     * Records the task unless its order already has one, in one conditional write: two deliveries of the same
     * event racing each other still make one task.
     *
     * @return {@code true} if this call recorded it, {@code false} if the order already had its task (which is
     *         left as it was)
     */
    boolean recordOnce(FulfilmentTask task);
}
