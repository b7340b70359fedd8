package dev.microdrop.fulfilment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * Reads the order id out of an SQS message body: the EventBridge envelope the rule delivered, whose
 * {@code detail} is the OrderPaid event. Only what fulfilment needs is read; the rest of the event is not
 * trusted for anything, since the order itself is read from the table.
 */
final class OrderPaidEnvelope {

    static final String DETAIL_TYPE = "OrderPaid";

    /**
     * Order ids are {@code ord_} plus a ULID today; this is looser on purpose (a new id scheme should not send
     * every event to the DLQ) but still keeps an arbitrary string out of a table key.
     */
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Either the order id, or why the message can never succeed. */
    sealed interface Parsed {
    }

    record OrderPaid(String orderId) implements Parsed {
    }

    /**
     * A message no retry can fix. The reason is a fixed sentence: it is logged, and must never quote the body
     * (parser messages do).
     */
    record Poison(String reason) implements Parsed {
    }

    private OrderPaidEnvelope() {
    }

    static Parsed parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return new Poison("the body is empty");
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return new Poison("the body is not a single valid JSON document");
        }
        if (envelope == null || !envelope.isObject()) {
            return new Poison("the body is not a JSON object");
        }
        JsonNode detailType = envelope.get("detail-type");
        if (detailType == null || !DETAIL_TYPE.equals(detailType.textValue())) {
            return new Poison("detail-type is missing or not " + DETAIL_TYPE);
        }
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            return new Poison("detail is missing or not an object");
        }
        JsonNode orderId = detail.get("orderId");
        if (orderId == null || !orderId.isTextual() || !ORDER_ID.matcher(orderId.textValue()).matches()) {
            return new Poison("detail.orderId is missing or not an order id");
        }
        return new OrderPaid(orderId.textValue());
    }
}
