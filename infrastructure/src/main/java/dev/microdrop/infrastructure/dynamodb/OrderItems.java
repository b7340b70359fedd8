package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.instant;
import static dev.microdrop.infrastructure.dynamodb.Attributes.integer;
import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.number;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.string;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Orders to and from items. The buyer's e-mail and address are attributes, never part of a key. */
final class OrderItems {

    private OrderItems() {
    }

    static Map<String, AttributeValue> order(Order order, String idempotencyKey) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.order(order.orderId()));
        // The order's place in its drop's index (gsi1): written with the order, never changed after.
        item.putAll(TableKeys.orderInDrop(order.dropId(), order.createdAt(), order.orderId()));
        item.put(DropItems.TYPE, s("Order"));
        item.put("orderId", s(order.orderId()));
        item.put("dropId", s(order.dropId()));
        item.put("buyerId", s(order.buyerId().value()));
        item.put("buyerEmail", s(order.buyerEmail()));
        item.put("lines", lines(order.lines()));
        item.put("currency", s(order.amount().currency().getCurrencyCode()));
        item.put("amount", n(order.amount().minorUnits()));
        item.put("fulfilment", AttributeValue.fromM(fulfilment(order.fulfilment())));
        item.put("status", s(order.status().name()));
        item.put("createdAt", time(order.createdAt()));
        item.put("holdExpiresAt", time(order.holdExpiresAt()));
        // A number, so the expiry's condition compares instants, not strings of varying precision.
        item.put("holdExpiresAtMs", n(order.holdExpiresAt().toEpochMilli()));
        item.put("idempotencyKey", s(idempotencyKey));
        if (order.preorder()) {
            item.put("kind", s(order.kind().name()));
            item.put("deposit", n(order.deposit().minorUnits()));
        }
        return item;
    }

    static Order order(Map<String, AttributeValue> item) {
        String currency = string(item, "currency");
        List<OrderLine> lines = item.get("lines").l().stream()
                .map(l -> new OrderLine(string(l.m(), "sku"), integer(l.m(), "quantity"),
                        Money.of(number(l.m(), "unitPrice"), currency), string(l.m(), "hubId"),
                        l.m().containsKey("shard") ? Integer.valueOf(integer(l.m(), "shard")) : null))
                .toList();
        return new Order(string(item, "orderId"), string(item, "dropId"), new BuyerId(string(item, "buyerId")),
                string(item, "buyerEmail"), lines, Money.of(number(item, "amount"), currency),
                fulfilment(item.get("fulfilment").m()), OrderStatus.valueOf(string(item, "status")),
                instant(item, "createdAt"), instant(item, "holdExpiresAt"),
                // A missing kind is a standard order (every order written before pre-orders existed).
                item.containsKey("kind") ? OrderKind.valueOf(string(item, "kind")) : OrderKind.STANDARD,
                item.containsKey("deposit") ? Money.of(number(item, "deposit"), currency) : null,
                string(item, "intentId"), string(item, "balanceIntentId"), handover(item));
    }

    /** The hand-over facts the {@code Handovers} adapter set, each absent until its step. */
    static Handover handover(Map<String, AttributeValue> item) {
        return new Handover(instant(item, "readyAt"), string(item, "pickupCode"), instant(item, "collectedAt"),
                instant(item, "shippedAt"), string(item, "carrier"), string(item, "trackingNumber"));
    }

    /** The order item's {@code lines}. */
    static AttributeValue lines(List<OrderLine> lines) {
        return AttributeValue.fromL(lines.stream().map(OrderItems::line).toList());
    }

    /** A line; {@code hubId} only for a line drawn from one hub's stock, {@code shard} from one stock shard. */
    private static AttributeValue line(OrderLine line) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("sku", s(line.sku()), "quantity", n(line.quantity()),
                "unitPrice", n(line.unitPrice().minorUnits())));
        if (line.hubId() != null) {
            item.put("hubId", s(line.hubId()));
        }
        if (line.shard() != null) {
            item.put("shard", n(line.shard()));
        }
        return AttributeValue.fromM(item);
    }

    static Map<String, AttributeValue> fulfilment(Fulfilment fulfilment) {
        return switch (fulfilment) {
            case Fulfilment.Pickup p -> p.slotId() == null ? Map.of("type", s("pickup"), "hubId", s(p.hubId()))
                    : Map.of("type", s("pickup"), "hubId", s(p.hubId()), "slotId", s(p.slotId()));
            case Fulfilment.Ship ship -> {
                Address a = ship.address();
                Map<String, AttributeValue> address = new HashMap<>();
                address.put("name", s(a.name()));
                address.put("line1", s(a.line1()));
                if (a.line2() != null) {
                    address.put("line2", s(a.line2()));
                }
                address.put("city", s(a.city()));
                address.put("postalCode", s(a.postalCode()));
                address.put("country", s(a.country()));
                yield Map.of("type", s("ship"), "address", AttributeValue.fromM(address));
            }
        };
    }

    static Fulfilment fulfilment(Map<String, AttributeValue> item) {
        if ("pickup".equals(string(item, "type"))) {
            return new Fulfilment.Pickup(string(item, "hubId"), string(item, "slotId"));
        }
        Map<String, AttributeValue> a = item.get("address").m();
        return new Fulfilment.Ship(new Address(string(a, "name"), string(a, "line1"), string(a, "line2"),
                string(a, "city"), string(a, "postalCode"), string(a, "country")));
    }
}
