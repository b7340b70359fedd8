package dev.microdrop.core.fulfilment;

import dev.microdrop.core.order.Order;

/** What a hand-over step (ready, collected, shipped) did. */
public sealed interface HandoverOutcome {

    /**
     * The order as it stands after the step: {@code changed} false when the step had already happened with the same
     * facts (a repeated call), so nothing was written.
     */
    record Done(Order order, boolean changed) implements HandoverOutcome {
    }

    /** No such order in this drop. */
    record NoSuchOrder() implements HandoverOutcome {
    }

    /**
     * The order is not in a state for this step; nothing changed.
     *
     * @param reason a stable code: {@code not-paid}, {@code not-pickup}, {@code not-shipment}, {@code not-ready},
     *               {@code shipped-otherwise}
     * @param detail a sentence for hub staff
     */
    record Refused(String reason, String detail) implements HandoverOutcome {
    }

    /** The code shown is not the order's pickup code; nothing changed. */
    record WrongCode() implements HandoverOutcome {
    }
}
