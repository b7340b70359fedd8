package dev.microdrop.core.lifecycle;

import static dev.microdrop.core.testing.Shop.NOW;
import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.checkout.Answers;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.Shop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The order's life after its checkout (payments, expiry), against the in-memory table and payment provider. */
class OrderLifecycleTest {

    private final Shop shop = new Shop(Drops.at(NOW).sku("A", 1).build());
    private final OrderLifecycle lifecycle = new OrderLifecycle(shop.inventory, shop.inventory, shop.payments, shop.clock);

    @Test
    void theOrdersOwnPaymentPaysIt_once() {
        Order order = checkout("ada");

        assertThat(lifecycle.apply(succeeded("evt_1", order, 2_500, "EUR")))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.PAID));
        assertThat(lifecycle.apply(succeeded("evt_1", order, 2_500, "EUR"))).isEqualTo(new LifecycleOutcome.Duplicate());

        assertThat(shop.inventory.find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(shop.inventory.events()).filteredOn(DomainEvent.OrderPaid.class::isInstance).hasSize(1);
    }

    @Test
    void aSuccessForAnotherAmount_isRejected_andPaysNothing() {
        Order order = checkout("ada");

        assertThat(lifecycle.apply(succeeded("evt_1", order, 1, "EUR")))
                .isEqualTo(new LifecycleOutcome.Rejected(order.orderId(), PaymentMatch.Reason.WRONG_AMOUNT));

        assertThat(shop.inventory.find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.HELD);
        assertThat(shop.inventory.events()).filteredOn(DomainEvent.PaymentRejected.class::isInstance).hasSize(1);
    }

    @Test
    void anExpiredHoldGoesBackOnSale_andALatePaymentWithNothingLeftIsRefunded() {
        Order order = checkout("ada");
        assertThat(lifecycle.expire(order.orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);
        shop.clock.advance(Duration.ofMinutes(11));
        assertThat(lifecycle.expire(order.orderId()))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.EXPIRED));
        checkout("bob");

        assertThat(lifecycle.apply(succeeded("evt_late", order, 2_500, "EUR")))
                .isEqualTo(new LifecycleOutcome.RefundedAutomatically(order.orderId()));
        assertThat(shop.payments.refundsAsked).containsExactly(order.orderId());
        assertThat(shop.inventory.read(Drops.DROP).orElseThrow().stockOf("A").orElseThrow().sold()).isZero();
    }

    private Order checkout(String name) {
        return ((Answers.Reserved) shop.doors.checkout().checkout(command("key-" + name + "-0001", name, "A", 1)))
                .order();
    }

    private PaymentEvent succeeded(String eventId, Order order, long minorUnits, String currency) {
        return new PaymentEvent(eventId, PaymentEventType.SUCCEEDED, order.orderId(), "pi_" + order.orderId(),
                minorUnits, currency, shop.clock.instant());
    }
}
