package dev.microdrop.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads an SQS message body: the EventBridge envelope the rule {@code notifications-mail} delivered. Only the ids
 * are read; the order itself (and the buyer's address) comes from the table.
 */
sealed interface MailEvent {

    /** Order ids are {@code ord_} plus a ULID today; looser on purpose, but no arbitrary string reaches a key. */
    Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    record OrderPaid(String orderId) implements MailEvent {
    }

    record ClaimOffered(String orderId, String sku, Instant claimExpiresAt) implements MailEvent {
    }

    record PickupReady(String orderId) implements MailEvent {
    }

    /** {@code PickupCollected} or {@code OrderShipped}: the buyer has the order (the survey). */
    record HandedOver(String orderId) implements MailEvent {
    }

    /** No retry can fix it. A fixed sentence: it is logged, and never quotes the body. */
    record Poison(String reason) implements MailEvent {
    }

    static MailEvent parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return new Poison("the body is empty");
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return new Poison("the body is not a single valid JSON document");
        }
        if (envelope == null || !envelope.isObject() || !(envelope.get("detail") instanceof JsonNode detail)
                || !detail.isObject()) {
            return new Poison("the body is not an event envelope with a detail object");
        }
        String orderId = detail.path("orderId").textValue();
        if (orderId == null || !ID.matcher(orderId).matches()) {
            return new Poison("detail.orderId is missing or not an order id");
        }
        return switch (String.valueOf(envelope.path("detail-type").textValue())) {
            case "OrderPaid" -> new OrderPaid(orderId);
            case "PickupReady" -> new PickupReady(orderId);
            case "PickupCollected", "OrderShipped" -> new HandedOver(orderId);
            case "WaitlistClaimOffered" -> {
                String sku = detail.path("sku").textValue();
                String expires = detail.path("claimExpiresAt").textValue();
                if (sku == null || !ID.matcher(sku).matches() || expires == null) {
                    yield new Poison("detail.sku or detail.claimExpiresAt is missing");
                }
                try {
                    yield new ClaimOffered(orderId, sku, Instant.parse(expires));
                } catch (DateTimeParseException e) {
                    yield new Poison("detail.claimExpiresAt is not an instant");
                }
            }
            default -> new Poison("detail-type is not one that causes mail");
        };
    }
}
