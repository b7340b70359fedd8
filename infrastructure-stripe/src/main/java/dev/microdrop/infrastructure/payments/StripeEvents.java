package dev.microdrop.infrastructure.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.infrastructure.json.Json;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a Stripe event (the JSON of a webhook delivery) into our {@link PaymentEvent}.
 *
 * <p>Read as a JSON tree rather than with stripe-java's typed {@code Event}: the typed reader only deserializes
 * {@code data.object} when the event's {@code api_version} matches the library's, and a webhook endpoint's
 * version is set in the Stripe dashboard, not here. The handful of fields we need have kept their names across
 * API versions; anything missing inside {@code data.object} becomes null or zero instead of a refusal, so a
 * reshaped object is still acknowledged.
 */
final class StripeEvents {

    private static final ObjectMapper JSON = Json.mapper();

    private StripeEvents() {
    }

    /** The event, or empty when the payload lacks what every Stripe event has: id, type, created, data.object. */
    static Optional<PaymentEvent> translate(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String kind = text(root, "object");
        String id = text(root, "id");
        String type = text(root, "type");
        JsonNode created = root.get("created");
        JsonNode object = root.path("data").path("object");
        if ((kind != null && !"event".equals(kind)) || id == null || type == null
                || created == null || !created.isIntegralNumber() || !created.canConvertToLong()
                || !object.isObject()) {
            return Optional.empty();
        }

        PaymentEventType eventType = type(type, object);
        String objectKind = text(object, "object");
        boolean intent = "payment_intent".equals(objectKind) || type.startsWith("payment_intent.");
        String intentId = intent ? text(object, "id") : reference(object.get("payment_intent"));
        // A charge's amount is what was charged; for a refund we want what went back (cumulative, so a
        // partial refund is told apart from a full one by comparing with the order's amount).
        long amount = object.path(eventType == PaymentEventType.REFUNDED ? "amount_refunded" : "amount").asLong(0);
        String currency = text(object, "currency");
        return Optional.of(new PaymentEvent(
                id,
                eventType,
                text(object.path("metadata"), "orderId"),
                intentId,
                amount,
                currency == null ? null : currency.toUpperCase(Locale.ROOT),
                Instant.ofEpochSecond(created.longValue())));
    }

    private static PaymentEventType type(String type, JsonNode object) {
        return switch (type) {
            case "payment_intent.succeeded" -> PaymentEventType.SUCCEEDED;
            case "payment_intent.payment_failed" -> PaymentEventType.FAILED;
            case "payment_intent.canceled" -> PaymentEventType.CANCELED;
            case "charge.refunded" -> PaymentEventType.REFUNDED;
            case "charge.dispute.created" -> PaymentEventType.DISPUTE_OPENED;
            case "charge.dispute.closed" -> switch (String.valueOf(text(object, "status"))) {
                case "won" -> PaymentEventType.DISPUTE_WON;
                case "lost" -> PaymentEventType.DISPUTE_LOST;
                // warning_closed and any status Stripe adds later: closed without money moving either way.
                default -> PaymentEventType.UNKNOWN;
            };
            default -> PaymentEventType.UNKNOWN;
        };
    }

    /** An id field that is a plain id, or an object expanded in its place. */
    private static String reference(JsonNode node) {
        if (node == null) {
            return null;
        }
        return node.isObject() ? text(node, "id") : node.textValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        String text = value == null ? null : value.textValue();
        return text == null || text.isEmpty() ? null : text;
    }
}
