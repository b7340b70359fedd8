package dev.microdrop.core.order;

import dev.microdrop.core.drop.Money;

/**
 * A held line: the SKU, how many, and the unit price at the time of the hold.
 *
 * @param hubId the hub whose stock the line draws from, for a SKU split by hub; null for a SKU sold from one pool
 * @param shard the stock shard the line draws from, for a sharded SKU; null for a SKU kept in one item. Every later
 *              move of the line's units (paid, released, refunded) moves that shard's counters
 */
public record OrderLine(String sku, int quantity, Money unitPrice, String hubId, Integer shard) {

    /** A line of a SKU kept in one item, possibly drawn from one hub. */
    public OrderLine(String sku, int quantity, Money unitPrice, String hubId) {
        this(sku, quantity, unitPrice, hubId, null);
    }

    /** A line of a SKU sold from one pool. */
    public OrderLine(String sku, int quantity, Money unitPrice) {
        this(sku, quantity, unitPrice, null);
    }

    public Money total() {
        return unitPrice.times(quantity);
    }

    /** The same line drawn from another hub. */
    public OrderLine fromHub(String hub) {
        return new OrderLine(sku, quantity, unitPrice, hub, shard);
    }

    /** The same line drawn from another stock shard. */
    public OrderLine fromShard(int other) {
        return new OrderLine(sku, quantity, unitPrice, hubId, other);
    }
}
