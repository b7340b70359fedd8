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

    /** The same order with other lines (e.g. drawn from other hubs); the amount is the lines' total either way. */
    public Order withLines(List<OrderLine> newLines) {
        return new Order(orderId, dropId, buyerId, buyerEmail, newLines, amount, fulfilment, status, createdAt,
                holdExpiresAt);
    }

    public int units() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
