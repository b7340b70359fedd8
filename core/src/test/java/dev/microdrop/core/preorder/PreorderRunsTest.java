package dev.microdrop.core.preorder;

import static dev.microdrop.core.testing.Shop.NOW;
import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.checkout.Answers;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.Shop;
import org.junit.jupiter.api.Test;

/** The merchant's pre-order run decisions against the in-memory table and payment provider. */
class PreorderRunsTest {

    private final Shop shop = new Shop(Drops.at(NOW).sku("A", 0).preorders(2_000, 5).build());
    private final OrderLifecycle lifecycle = new OrderLifecycle(shop.inventory, shop.inventory, shop.payments, shop.clock);
    private final PreorderRuns runs = new PreorderRuns(shop.inventory, lifecycle);

    @Test
    void confirmingAsksEveryReservedPreOrderForItsBalance_once() {
        Order ada = reserved("ada");
        Order bob = placed("bob"); // its deposit never paid

        assertThat(runs.confirm(Drops.DROP)).isEqualTo(new PreorderRuns.RunResult(1, 1));
        assertThat(runs.confirm(Drops.DROP)).as("again").isEqualTo(new PreorderRuns.RunResult(0, 2));

        assertThat(shop.inventory.find(ada.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.BALANCE_DUE);
        assertThat(shop.inventory.find(bob.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.HELD);
        assertThat(shop.payments.intentsAsked).contains("balance:" + ada.orderId() + ":2000");
    }

    @Test
    void cancellingRefundsEveryPaidDeposit() {
        Order ada = reserved("ada");

        assertThat(runs.cancel(Drops.DROP)).isEqualTo(new PreorderRuns.RunResult(1, 0));

        assertThat(shop.inventory.find(ada.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.payments.refundsAsked).containsExactly(ada.orderId());
    }

    private Order placed(String name) {
        return ((Answers.Reserved) shop.doors.preorders().preorder(command("key-" + name + "-0001", name, "A", 1)))
                .order();
    }

    /** A pre-order whose deposit was paid. */
    private Order reserved(String name) {
        Order order = placed(name);
        lifecycle.apply(new PaymentEvent("evt_deposit_" + name, PaymentEventType.SUCCEEDED, order.orderId(),
                "pi_deposit_" + order.orderId(), order.deposit().minorUnits(), "EUR", NOW));
        assertThat(shop.inventory.find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.RESERVED);
        return order;
    }
}
