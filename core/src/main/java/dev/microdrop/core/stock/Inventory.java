package dev.microdrop.core.stock;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import java.util.Optional;

/**
 * Port out: the stock counters and everything that must change with them atomically. Each write is tried once: a
 * write that meets a concurrent transaction answers {@code Collided}, and the caller retries ({@link Contention}).
 */
public interface Inventory {

    /**
     * Holds every line of the order from the pool it names, records the order and the idempotency key, raises the
     * buyer's total and writes the request's event, all in one atomic write, or changes nothing; a refusal reports
     * what the refused items said ({@link HoldRefusal}).
     */
    HoldResult hold(HoldRequest request);

    /**
     * Places a pre-order: takes its units from the drop's pre-order capacity (never stock), records the order and
     * the idempotency key, raises the buyer's total and writes PreorderPlaced, all in one atomic write, or changes
     * nothing.
     */
    PreorderResult preorder(HoldRequest request);

    /** What an earlier request with this key got, if any. A read, never a write. */
    Optional<EarlierAnswer> earlierAnswer(String dropId, String idempotencyKey, String fingerprint);

    /**
     * Moves available units of a sharded SKU from other shards into one, in one conditional write with one ledger
     * entry per shard: {@code available} and {@code released} move together, so every shard still balances and
     * the SKU's counters do not change. Refused as a whole when a source no longer has its units.
     */
    ShardMove.Result moveBetweenShards(ShardMove move);

    /** Records the order's payment intent (idempotent), so webhooks that name only the intent find the order. */
    void attachPayment(Order order, PaymentIntent intent);
}
