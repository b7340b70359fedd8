package dev.microdrop.core.stock;

import dev.microdrop.core.order.Order;

/** What an idempotency key already answered: the order it made for this very request, or another request's. */
public sealed interface EarlierAnswer {

    /** The key made {@code order} for a request with the same fingerprint. */
    record SameRequest(Order order) implements EarlierAnswer {
    }

    /** The key was used for a request with another fingerprint. */
    record OtherRequest() implements EarlierAnswer {
    }
}
