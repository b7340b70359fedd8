package dev.microdrop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.Drops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link PaymentProvider} port promises (in memory for the tests, the Stripe adapter
 * against the local Stripe emulator): every call is idempotent per order and purpose, so a retried checkout or a
 * redelivered webhook never charges or refunds twice.
 */
public abstract class PaymentProviderContract {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final OrderIds IDS = new OrderIds();

    protected abstract PaymentProvider provider();

    @Test
    void anOrdersIntentIsMadeOnce_andAnotherOrderGetsItsOwn() {
        PaymentProvider provider = provider();
        Order order = order(OrderKind.STANDARD);

        PaymentIntent first = provider.createIntent(order);
        PaymentIntent again = provider.createIntent(order);
        PaymentIntent other = provider.createIntent(order(OrderKind.STANDARD));

        assertThat(again).isEqualTo(first);
        assertThat(first.clientSecret()).isNotBlank();
        assertThat(other.intentId()).isNotEqualTo(first.intentId());
    }

    @Test
    void aPreOrdersDepositAndBalanceAreTwoIntents() {
        PaymentProvider provider = provider();
        Order preorder = order(OrderKind.PREORDER);

        PaymentIntent deposit = provider.createIntent(preorder, preorder.deposit(), PaymentProvider.DEPOSIT);
        PaymentIntent balance = provider.createIntent(preorder, preorder.balance(), PaymentProvider.BALANCE);

        assertThat(balance.intentId()).isNotEqualTo(deposit.intentId());
        assertThat(provider.createIntent(preorder, preorder.deposit(), PaymentProvider.DEPOSIT)).isEqualTo(deposit);
    }

    @Test
    void anOrderIsRefundedOnce() {
        PaymentProvider provider = provider();
        Order order = order(OrderKind.STANDARD);
        PaymentIntent intent = provider.createIntent(order);

        Refund first = provider.refund(order.orderId(), intent.intentId(), "requested_by_customer");
        Refund again = provider.refund(order.orderId(), intent.intentId(), "requested_by_customer");

        assertThat(again.refundId()).isEqualTo(first.refundId());
        assertThat(first.status()).isEqualTo("succeeded");
    }

    private static Order order(OrderKind kind) {
        OrderLine line = new OrderLine("A", 2, Drops.PRICE);
        return new Order(IDS.next(NOW), Drops.DROP, BUYERS.of("ada@example.com"), "ada@example.com", List.of(line),
                line.total(), new Fulfilment.Ship(new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin",
                "10115", "DE")), OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)), kind,
                kind == OrderKind.PREORDER ? Money.of(1_000, "EUR") : null);
    }
}
