package dev.microdrop.core.lifecycle;

/**
 * Every way units move between a SKU's counters. Each move takes units from one counter and adds them to
 * another, so {@code available + held + sold == released} holds before and after; the source counter must
 * hold at least the units moved, so none goes negative. Each move is also one immutable ledger entry.
 */
public enum StockMove {
    /** A checkout holds units for payment. */
    HOLD(Counter.AVAILABLE, Counter.HELD),
    /** A hold ends unpaid (expired, failed, cancelled): the units go back on sale. */
    RELEASE(Counter.HELD, Counter.AVAILABLE),
    /** A held order is paid. */
    SALE(Counter.HELD, Counter.SOLD),
    /** A payment arrives after its hold was released: it takes units again if any are left. */
    LATE_SALE(Counter.AVAILABLE, Counter.SOLD),
    /** A paid unit is refunded and, by the drop's policy, goes back on sale. */
    REFUND_RESTOCK(Counter.SOLD, Counter.AVAILABLE);

    /** The counters of a SKU item, by attribute name. */
    public enum Counter {
        AVAILABLE("available"), HELD("held"), SOLD("sold");

        private final String attribute;

        Counter(String attribute) {
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    private final Counter from;
    private final Counter to;

    StockMove(Counter from, Counter to) {
        this.from = from;
        this.to = to;
    }

    public Counter from() {
        return from;
    }

    public Counter to() {
        return to;
    }
}
