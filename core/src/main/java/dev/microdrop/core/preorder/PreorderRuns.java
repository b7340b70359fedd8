package dev.microdrop.core.preorder;

import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.OrderStatus;

/**
 * The merchant's two decisions about a drop's pre-order run. Both walk the drop's pre-orders and move each one
 * through {@link OrderLifecycle} by its own conditional transition, so calling either again changes nothing that
 * already changed, and a run interrupted half-way completes when called again.
 */
public final class PreorderRuns {

    private final PreorderBook book;
    private final OrderLifecycle lifecycle;

    public PreorderRuns(PreorderBook book, OrderLifecycle lifecycle) {
        this.book = book;
        this.lifecycle = lifecycle;
    }

    /** Every {@code RESERVED} pre-order gets its balance intent and becomes {@code BALANCE_DUE}. */
    public RunResult confirm(String dropId) {
        int changed = 0;
        int unchanged = 0;
        for (PreorderBook.Booked booked : book.preorders(dropId)) {
            if (booked.order().status() == OrderStatus.RESERVED
                    && lifecycle.confirmPreorder(booked.order()) instanceof LifecycleOutcome.Applied) {
                changed++;
            } else {
                unchanged++;
            }
        }
        return new RunResult(changed, unchanged);
    }

    /** Every {@code RESERVED} or {@code BALANCE_DUE} pre-order has its deposit refunded and becomes {@code REFUNDED}. */
    public RunResult cancel(String dropId) {
        int changed = 0;
        int unchanged = 0;
        for (PreorderBook.Booked booked : book.preorders(dropId)) {
            OrderStatus status = booked.order().status();
            if ((status == OrderStatus.RESERVED || status == OrderStatus.BALANCE_DUE)
                    && lifecycle.cancelPreorder(booked.order(), booked.depositIntentId())
                            instanceof LifecycleOutcome.Applied) {
                changed++;
            } else {
                unchanged++;
            }
        }
        return new RunResult(changed, unchanged);
    }

    /** @param changed pre-orders this call moved; {@code unchanged}: the drop's other pre-orders, left as they were */
    public record RunResult(int changed, int unchanged) {
    }
}
