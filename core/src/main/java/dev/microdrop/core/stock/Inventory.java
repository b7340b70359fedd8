package dev.microdrop.core.stock;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import java.util.Optional;

/** Port out: the stock counters and everything that must change with them atomically. */
public interface Inventory {

    /**
     * Holds every line of the order, records the order and the idempotency key, and raises the buyer's total,
     * all in one atomic write, or changes nothing.
     */
    HoldResult hold(HoldRequest request);

    /**
     * Places a pre-order: takes its units from the drop's pre-order capacity (never stock), records the order and
     * the idempotency key, and raises the buyer's total, all in one atomic write, or changes nothing.
     */
    HoldResult preorder(HoldRequest request);

    /**
     * The answer an earlier request with this key got, if any: {@link HoldResult.Replayed} for the same
     * fingerprint, {@link HoldResult.KeyReused} for another. A read, never a write.
     */
    Optional<HoldResult> earlierAnswer(String dropId, String idempotencyKey, String fingerprint);

    /**
     * Moves available units of a sharded SKU from other shards into one, in one conditional write with one ledger
     * entry per shard: {@code available} and {@code released} move together, so every shard still balances and
     * the SKU's counters do not change. Refused as a whole when a source no longer has its units.
     */
    ShardMove.Result moveBetweenShards(ShardMove move);

    /** Records the order's payment intent (idempotent), so webhooks that name only the intent find the order. */
    void attachPayment(Order order, PaymentIntent intent);
}
