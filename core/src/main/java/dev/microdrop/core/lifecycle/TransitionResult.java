package dev.microdrop.core.lifecycle;

import dev.microdrop.core.order.OrderStatus;
import java.util.List;

/** What an attempted {@link Transition} did. Only {@link Applied} changed anything. */
public sealed interface TransitionResult {

    record Applied() implements TransitionResult {
    }

    /** The provider event was applied before: nothing changes the second time. */
    record EventAlreadyApplied() implements TransitionResult {
    }

    /** The order is no longer in an expected status (another transition won a race); re-read and decide again. */
    record StatusChanged(OrderStatus current) implements TransitionResult {
    }

    /**
     * The move needed more units than its source counter holds (a late payment with nothing left).
     *
     * @param shortLines the indexes of the order's lines whose source counter (SKU, hub or stock shard) was short;
     *                   empty when something else ran out (a pickup slot's seat)
     */
    record NotEnoughStock(List<Integer> shortLines) implements TransitionResult {

        public NotEnoughStock {
            shortLines = List.copyOf(shortLines);
        }

        public NotEnoughStock() {
            this(List.of());
        }
    }

    /** An expiry came before the hold's end. */
    record NotDue() implements TransitionResult {
    }
}
