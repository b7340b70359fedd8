package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A pre-order's whole life in the local runtime, over HTTP: the SKU sells out, a buyer pre-orders and pays the
 * deposit (a signed webhook from the simulator), the merchant confirms the run through the merchant API, the
 * buyer pays the balance, and the order is paid and handed to fulfilment.
 */
class PreorderLocalIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SHIP = "\"fulfilment\":{\"type\":\"ship\",\"address\":{\"name\":\"P\",\"line1\":\"Main 1\","
            + "\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}";

    @Test
    void aPreorder_paysItsDeposit_thenItsBalanceOnceTheRunIsConfirmed() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("src/test/resources/preorder-drop.yaml"), false, false, 1, false, true);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            JsonNode sold = json(send(base + "/checkout", null, body("first@example.com")), 201);
            json(send(base + "/simulator/payments/" + sold.at("/payment/intentId").asText() + "/succeed", null, ""), 200);
            Thread.sleep(2_100); // the checkout's cache window: it must see the SKU sold out for good

            JsonNode preorder = json(send(base + "/preorders", null, body("later@example.com")), 201);
            assertThat(preorder.get("kind").asText()).isEqualTo("preorder");
            assertThat(preorder.at("/deposit/minorUnits").asLong()).isEqualTo(600);
            json(send(base + "/simulator/payments/" + preorder.at("/payment/intentId").asText() + "/succeed", null, ""),
                    200);
            assertThat(status(base, preorder)).isEqualTo("reserved");

            JsonNode confirmed = json(send(base + "/merchant/drops/preorder-play/preorders/confirm",
                    runtime.merchantKey(), ""), 200);
            assertThat(confirmed.get("changed").asInt()).isEqualTo(1);
            JsonNode due = order(base, preorder);
            assertThat(due.get("status").asText()).isEqualTo("balance_due");
            String balanceIntent = due.at("/payment/intentId").asText();
            assertThat(balanceIntent).isNotBlank().isNotEqualTo(preorder.at("/payment/intentId").asText());

            json(send(base + "/simulator/payments/" + balanceIntent + "/succeed", null, ""), 200);
            assertThat(status(base, preorder)).isEqualTo("paid");
            JsonNode again = json(send(base + "/merchant/drops/preorder-play/preorders/confirm",
                    runtime.merchantKey(), ""), 200);
            assertThat(again.get("changed").asInt()).as("a second confirm changes nothing").isZero();
        }
    }

    private static String body(String email) {
        return "{\"dropId\":\"preorder-play\",\"lines\":[{\"sku\":\"TEE-M\",\"quantity\":1}],\"buyer\":{\"email\":\""
                + email + "\"}," + SHIP + "}";
    }

    private static HttpResponse<String> send(String url, String merchantKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("idempotency-key", "preorder-" + System.nanoTime()).POST(HttpRequest.BodyPublishers.ofString(body));
        if (merchantKey != null) {
            request.header("authorization", "Bearer " + merchantKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static JsonNode order(String base, JsonNode order) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/orders/" + order.get("orderId").asText()))
                .header("authorization", "Bearer " + order.get("orderToken").asText()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The order's status once the webhook's effects are visible (the simulator answers after delivering it). */
    private static String status(String base, JsonNode order) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String status = order(base, order).get("status").asText();
        while (status.equals("held") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = order(base, order).get("status").asText();
        }
        return status;
    }
}
