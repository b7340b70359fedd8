package dev.microdrop.checkout;

import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.payment.PaymentIntent;
import java.time.Instant;
import java.util.List;

/** The order as the checkout answers it (201): the API's contract, see docs/openapi.yaml. */
record OrderJson(
        String orderId,
        String status,
        String dropId,
        List<LineJson> lines,
        MoneyJson amount,
        FulfilmentJson fulfilment,
        Instant createdAt,
        Instant holdExpiresAt,
        PaymentJson payment,
        String orderToken,
        String kind,
        MoneyJson deposit,
        MoneyJson balance) {

    /** What the storefront needs to confirm the payment with the provider's client library. */
    record PaymentJson(String provider, String intentId, String clientSecret) {
    }

    /** {@code hubId}: the hub the units come from, for a SKU split by hub; left out otherwise. */
    record LineJson(String sku, int quantity, MoneyJson unitPrice, MoneyJson total, String hubId) {
    }

    record MoneyJson(String currency, long minorUnits) {
        static MoneyJson of(Money money) {
            return new MoneyJson(money.currency().getCurrencyCode(), money.minorUnits());
        }
    }

    /**
     * The buyer's address is not echoed back: a response may be logged or cached by someone else. The hand-over
     * facts once they happen; {@code pickupCode} only to the buyer ({@code GET /orders/{orderId}} needs their token).
     */
    record FulfilmentJson(String type, String hubId, String country, Instant readyAt, String pickupCode,
                          Instant collectedAt, Instant shippedAt, String carrier, String trackingNumber) {

        static FulfilmentJson of(Order order) {
            Handover h = order.handover();
            return switch (order.fulfilment()) {
                case Fulfilment.Pickup p -> new FulfilmentJson("pickup", p.hubId(), null, h.readyAt(), h.pickupCode(),
                        h.collectedAt(), null, null, null);
                case Fulfilment.Ship s -> new FulfilmentJson("ship", null, OrderJson.country(s.address()), null, null, null,
                        h.shippedAt(), h.carrier(), h.trackingNumber());
            };
        }
    }

    /**
     * The checkout's answer: the order, its payment and the buyer's token for {@code GET /orders/{orderId}}. For a
     * pre-order, {@code payment} is the intent due now: the deposit's while held, the balance's once confirmed.
     */
    static OrderJson of(Order order, PaymentIntent payment, String orderToken) {
        OrderJson base = of(order);
        return new OrderJson(base.orderId, base.status, base.dropId, base.lines, base.amount, base.fulfilment,
                base.createdAt, base.holdExpiresAt,
                payment == null ? null : new PaymentJson(payment.provider(), payment.intentId(), payment.clientSecret()),
                orderToken, base.kind, base.deposit, base.balance);
    }

    /** The order's state, as {@code GET /orders/{orderId}} shows it to its buyer. */
    static OrderJson of(Order order) {
        return new OrderJson(
                order.orderId(),
                order.status().spelling(),
                order.dropId(),
                order.lines().stream().map(l -> new LineJson(l.sku(), l.quantity(), MoneyJson.of(l.unitPrice()),
                        MoneyJson.of(l.total()), l.hubId())).toList(),
                MoneyJson.of(order.amount()),
                FulfilmentJson.of(order),
                order.createdAt(),
                order.holdExpiresAt(),
                null,
                null,
                // Only a pre-order says what it is, and what it pays now and later; a checkout's JSON is unchanged.
                order.preorder() ? "preorder" : null,
                order.preorder() ? MoneyJson.of(order.deposit()) : null,
                order.preorder() ? MoneyJson.of(order.balance()) : null);
    }

    private static String country(Address address) {
        return address == null ? null : address.country();
    }
}
