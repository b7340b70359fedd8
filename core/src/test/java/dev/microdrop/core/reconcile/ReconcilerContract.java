package dev.microdrop.core.reconcile;

import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.checkout.Answers;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.testing.Shop;
import dev.microdrop.core.waitlist.Waitlist;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link Reconciler} port promises (in memory, and on DynamoDB Local): after any
 * mix of holds, payments and expiries made through the ports, the books are clean, and every SKU and order is
 * checked. (How each drift is found is the adapter's own integration test: the in-memory table cannot be made to
 * drift through its ports, and neither can the table.)
 */
public abstract class ReconcilerContract {

    protected static final Instant NOW = Shop.NOW;

    /** A drop published at {@link #NOW} into a fresh store, with the ports a checkout and its life need. */
    public record Published(Reconciler reconciler, Inventory inventory, DropReader reader, OrderStore orders,
                            Waitlist waitlist) {
    }

    protected abstract Published publish(Drop drop, MutableClock clock);

    @Test
    void afterHoldsPaymentsAndExpiries_theBooksAreClean_andEverySkuAndOrderWasChecked() {
        MutableClock clock = new MutableClock(NOW);
        Published store = publish(Drops.at(NOW).sku("A", 5).sku("B", 5).build(), clock);
        RecordingPayments payments = new RecordingPayments();
        BuyerDoors doors = BuyerDoors.of(new CachedDropReader(store.reader(), clock, Duration.ZERO), store.inventory(),
                store.waitlist(), payments, Shop.KEY, new Contention(8, new ArrayList<Long>()::add), clock);
        OrderLifecycle lifecycle = new OrderLifecycle(store.orders(), store.reader(), payments, clock);

        Order paid = ((Answers.Reserved) doors.checkout().checkout(command("key-ada-0001", "ada", "A", 2, "B", 1)))
                .order();
        Order expired = ((Answers.Reserved) doors.checkout().checkout(command("key-bob-0001", "bob", "A", 1))).order();
        lifecycle.apply(new PaymentEvent("evt_paid", PaymentEventType.SUCCEEDED, paid.orderId(), "pi_" + paid.orderId(),
                paid.amount().minorUnits(), "EUR", NOW));
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(expired.orderId());
        doors.checkout().checkout(command("key-cy-00001", "cy", "B", 2));

        ReconciliationReport report = store.reconciler().reconcile();

        assertThat(report.drifts()).isEmpty();
        assertThat(report.skusChecked()).isEqualTo(2);
        assertThat(report.ordersChecked()).isEqualTo(3);
    }
}
