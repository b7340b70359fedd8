package dev.microdrop.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.microdrop.function.http.FunctionUrlEvents;
import java.util.Map;

/** The requests the benchmarks send, as the function-URL events Lambda hands the functions. */
public final class Events {

    private Events() {
    }

    /** {@code GET /drops/{dropId}}: a drop's page. */
    public static APIGatewayV2HTTPEvent dropPage(String dropId) {
        return FunctionUrlEvents.request("GET", "/drops/" + dropId, Map.of(), null);
    }

    /** {@code POST /checkout} of one buyer: one unit of each SKU, picked up at the drop's hub. */
    public static APIGatewayV2HTTPEvent checkout(String idempotencyKey, String dropId, String email, String hubId,
            String... skus) {
        StringBuilder lines = new StringBuilder();
        for (String sku : skus) {
            lines.append(lines.isEmpty() ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"quantity\":1}");
        }
        String body = "{\"dropId\":\"" + dropId + "\",\"lines\":[" + lines + "],\"buyer\":{\"email\":\"" + email
                + "\"},\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"" + hubId + "\"}}";
        return FunctionUrlEvents.request("POST", "/checkout", Map.of("content-type", "application/json",
                "idempotency-key", idempotencyKey), body);
    }
}
