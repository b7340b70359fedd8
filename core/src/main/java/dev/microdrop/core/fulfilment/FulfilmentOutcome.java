package dev.microdrop.core.fulfilment;

import dev.microdrop.core.order.OrderStatus;

/** What fulfilling one paid order did. Only {@link Created} changed anything. */
public sealed interface FulfilmentOutcome {

    /** The order's task was recorded just now. */
    record Created(FulfilmentTask task) implements FulfilmentOutcome {
    }

    /** The order already had its task: a redelivered or duplicated event. */
    record AlreadyDone() implements FulfilmentOutcome {
    }

    /**
     * The order is no longer paid (refunded or cancelled since the event): nothing to hand over. Not an error;
     * retrying would not change the answer.
     */
    record NotPaid(OrderStatus status) implements FulfilmentOutcome {
    }

    /**
     * No such order. An error, unlike the others: an OrderPaid event always names an order that exists, so the
     * message is retried and, if the order never appears, ends in the dead-letter queue for someone to look at.
     */
    record OrderNotFound() implements FulfilmentOutcome {
    }
}
