package dev.microdrop.core.fulfilment;

import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderReader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads the order the event names (events carry ids only) and records its task once. Idempotent by order id
 * rather than by message or event id: EventBridge and SQS may each deliver twice, and a replayed event gets a new
 * message id, but an order is still fulfilled once.
 */
public final class FulfilmentService implements FulfilmentUseCase {

    private final OrderReader orders;
    private final FulfilmentRecords records;
    private final Clock clock;

    public FulfilmentService(OrderReader orders, FulfilmentRecords records, Clock clock) {
        this.orders = orders;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public FulfilmentOutcome fulfil(String orderId) {
        Optional<Order> found = orders.find(orderId);
        if (found.isEmpty()) {
            return new FulfilmentOutcome.OrderNotFound();
        }
        Order order = found.get();
        if (!paid(order)) {
            return new FulfilmentOutcome.NotPaid(order.status());
        }
        FulfilmentTask task = taskFor(order);
        return records.recordOnce(task) ? new FulfilmentOutcome.Created(task) : new FulfilmentOutcome.AlreadyDone();
    }

    /** A switch expression, so a new status cannot slip through to fulfilment without a decision here. */
    private static boolean paid(Order order) {
        return switch (order.status()) {
            case PAID -> true;
            case EXPIRED, CANCELLED, REFUNDED -> false;
            // The payment write precedes its event, and the read is consistent: an OrderPaid for a HELD order
            // is unexpected. Failing retries it and, if it persists, parks it in the DLQ, rather than dropping a
            // paid order on the floor.
            // A pre-order is paid when its balance is: RESERVED or BALANCE_DUE under an OrderPaid is as unexpected.
            case HELD, RESERVED, BALANCE_DUE -> throw new IllegalStateException(
                    "order " + order.orderId() + " is still " + order.status() + " although an OrderPaid event names it");
        };
    }

    private FulfilmentTask taskFor(Order order) {
        List<FulfilmentTask.Line> lines = order.lines().stream()
                .map(l -> new FulfilmentTask.Line(l.sku(), l.quantity(), l.hubId()))
                .toList();
        return switch (order.fulfilment()) {
            case Fulfilment.Ship ship -> new FulfilmentTask.PickTicket(order.orderId(), order.dropId(), lines,
                    ship.address(), clock.instant());
            // The slot the buyer booked at checkout; none for hubs without slots ("any time the hub is open").
            case Fulfilment.Pickup pickup -> new FulfilmentTask.PickupNotice(order.orderId(), order.dropId(), lines,
                    pickup.hubId(), pickup.slotId(), clock.instant());
        };
    }
}
