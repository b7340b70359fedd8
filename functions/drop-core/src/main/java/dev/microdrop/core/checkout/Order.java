package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An order: units held for a buyer until {@code holdExpiresAt}, unless paid first. */
public record Order(
        String orderId,
        String dropId,
        BuyerId buyerId,
        String buyerEmail,
        List<OrderLine> lines,
        Money amount,
        Fulfilment fulfilment,
        OrderStatus status,
        Instant createdAt,
        Instant holdExpiresAt) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(buyerId, "buyerId");
        lines = List.copyOf(lines);
    }

    public int units() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
