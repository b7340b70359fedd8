package dev.microdrop.core.preorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.testing.Drops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every implementation of the {@link PreorderBook} port promises: a drop's pre-orders, and only those. */
public abstract class PreorderBookContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final OrderIds IDS = new OrderIds();
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));

    /** A drop published at {@link #NOW}: its inventory to place orders, and its pre-order book. */
    public record Published(Inventory inventory, PreorderBook book) {
    }

    protected abstract Published publish(Drop drop);

    @Test
    void theBookListsTheDropsPreOrders_withTheirDepositIntents_andNoCheckout() {
        Published drop = publish(Drops.at(NOW).sku("A", 1).sku("B", 0).preorders(2_000, 5).build());
        Order ada = order("ada", "B", OrderKind.PREORDER);
        Order bob = order("bob", "B", OrderKind.PREORDER);
        Order cy = order("cy", "A", OrderKind.STANDARD);
        drop.inventory().preorder(new HoldRequest(ada, "key-ada", "fp", 4, NOW));
        drop.inventory().preorder(new HoldRequest(bob, "key-bob", "fp", 4, NOW));
        drop.inventory().hold(new HoldRequest(cy, "key-cy", "fp", 4, NOW));
        drop.inventory().attachPayment(ada, new PaymentIntent("test", "pi_deposit_ada", "secret"));

        List<PreorderBook.Booked> booked = drop.book().preorders(Drops.DROP);

        assertThat(booked).extracting(b -> b.order().orderId()).containsExactlyInAnyOrder(ada.orderId(), bob.orderId());
        assertThat(booked).filteredOn(b -> b.order().orderId().equals(ada.orderId()))
                .singleElement().extracting(PreorderBook.Booked::depositIntentId).isEqualTo("pi_deposit_ada");
        assertThat(booked).filteredOn(b -> b.order().orderId().equals(bob.orderId()))
                .singleElement().extracting(PreorderBook.Booked::depositIntentId).isNull();
        assertThat(drop.book().preorders("another-drop")).isEmpty();
    }

    private static Order order(String buyer, String sku, OrderKind kind) {
        OrderLine line = new OrderLine(sku, 1, Drops.PRICE);
        return new Order(IDS.next(NOW), Drops.DROP, BUYERS.of(buyer + "@example.com"), buyer + "@example.com",
                List.of(line), line.total(), SHIP, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)), kind,
                kind == OrderKind.PREORDER ? Money.of(500, "EUR") : null);
    }
}
