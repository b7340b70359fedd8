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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An order's whole life in the local runtime, over real HTTP: a buyer holds, pays through the simulator (a
 * signed webhook), the fulfilment queue turns the paid order into a pickup notice; another buyer lets the hold
 * lapse and the expiry queue gives the units back; a refund returns them too.
 */
class OrderLifecycleLocalIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        runtime = new LocalRuntime(new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("src/test/resources/short-hold-drop.json"), false, false)).start();
        base = "http://localhost:" + runtime.port();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aBuyerHoldsPaysAndIsFulfilled_thenRefunded() throws Exception {
        JsonNode order = checkout("payer@example.com", "life-key-paid-1");
        String intent = order.at("/payment/intentId").asText();

        JsonNode paid = post("/simulator/payments/" + intent + "/succeed");
        assertThat(paid.at("/webhookAnswer/outcome").asText()).isEqualTo("applied:paid");
        assertThat(status(order)).isEqualTo("paid");
        eventually(() -> fulfilmentTask(order.get("orderId").asText()) != null);
        assertThat(fulfilmentTask(order.get("orderId").asText())).isEqualTo("PickupNotice");

        JsonNode refunded = post("/simulator/payments/" + intent + "/refund");
        assertThat(refunded.at("/webhookAnswer/outcome").asText()).isEqualTo("applied:refunded");
        assertThat(status(order)).isEqualTo("refunded");
    }

    @Test
    void anUnpaidHoldLapses_andItsUnitsComeBack() throws Exception {
        JsonNode order = checkout("forgetful@example.com", "life-key-lapse-1");
        assertThat(status(order)).isEqualTo("held");

        eventually(() -> status(order).equals("expired"));

        JsonNode late = post("/simulator/payments/" + order.at("/payment/intentId").asText() + "/succeed");
        // Units were left, so the late payment takes one again rather than being refunded.
        assertThat(late.at("/webhookAnswer/outcome").asText()).isEqualTo("applied:paid");
    }

    @Test
    void aWaitingBuyer_isOfferedTheUnitsOfALapsedHold_andTakesThemByCheckingOut() throws Exception {
        // Hold whatever is left (the other tests share this drop) until the drop is sold out, then pay for all
        // but the first hold: exactly one unit will come back, and the waiting buyer's claim will take it.
        java.util.List<String> intents = new java.util.ArrayList<>();
        HttpResponse<String> hold;
        while ((hold = send("/checkout", "waitlist-hold-" + intents.size(), body("holder" + intents.size()
                + "@example.com"))).statusCode() == 201) {
            intents.add(JSON.readTree(hold.body()).at("/payment/intentId").asText());
        }
        assertThat(intents).hasSizeBetween(1, 5);
        for (String intent : intents.subList(1, intents.size())) {
            post("/simulator/payments/" + intent + "/succeed");
        }
        post("/checkout", "waitlist-soldout-1", body("patient@example.com"), 409);
        post("/waitlist", "waitlist-join-1", body("patient@example.com"), 202);

        // The unpaid hold lapses (2 s); OrderExpired reaches the waitlist queue through the rule; the function
        // offers the patient buyer a claim, which the merchant's orders show as a held order of theirs. (Polling
        // with checkouts instead would race the offer: one that read the drop after the unit came back but before
        // the claim held it would take it as a new order.) The drop is sold out again, so checking out again
        // redeems the claim, before it lapses in its turn.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode claims;
        do {
            Thread.sleep(100);
            claims = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base
                            + "/merchant/drops/short-holds/orders?status=held&buyerEmail=patient@example.com"))
                    .header("authorization", "Bearer " + runtime.merchantKey()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("orders");
        } while (claims.isEmpty() && Instant.now().isBefore(deadline));
        assertThat(claims).as("the claim offered to the waiting buyer").hasSize(1);

        HttpResponse<String> redeemed = send("/checkout", "waitlist-redeem-1", body("patient@example.com"));

        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
        assertThat(redeemed.headers().firstValue("idempotent-replayed")).contains("true");
        assertThat(JSON.readTree(redeemed.body()).get("orderId").asText()).isEqualTo(claims.get(0).get("orderId").asText());
    }

    private static String body(String email) {
        return "{\"dropId\":\"short-holds\",\"lines\":[{\"sku\":\"TEE-M\",\"quantity\":1}],\"buyer\":{\"email\":\""
                + email + "\"},\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"berlin-mitte\"}}";
    }

    private static void post(String path, String key, String body, int status) throws Exception {
        HttpResponse<String> response = send(path, key, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
    }

    private static HttpResponse<String> send(String path, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "application/json").header("idempotency-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode checkout(String email, String key) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/checkout"))
                .header("content-type", "application/json").header("idempotency-key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"dropId\":\"short-holds\",\"lines\":[{\"sku\":\"TEE-M\","
                        + "\"quantity\":1}],\"buyer\":{\"email\":\"" + email + "\"},\"fulfilment\":{\"type\":\"pickup\","
                        + "\"hubId\":\"berlin-mitte\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String status(JsonNode order) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/orders/"
                            + order.get("orderId").asText()))
                    .header("authorization", "Bearer " + order.get("orderToken").asText()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fulfilmentTask(String orderId) {
        DynamoDbClient dynamoDb = dev.microdrop.infrastructure.aws.AwsClientFactory.fromEnvironment().dynamoDb();
        var item = dynamoDb.getItem(r -> r.tableName(LocalRuntime.TABLE).key(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FULFIL#" + orderId),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TASK")))).item();
        return item == null || item.isEmpty() ? null : item.get("type").s();
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 20 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
