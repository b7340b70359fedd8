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
        // Hold whatever is left (the other tests share this drop) until the drop is sold out.
        int held = 0;
        while (send("/checkout", "waitlist-hold-" + held, body("holder" + held + "@example.com")).statusCode() == 201) {
            held++;
        }
        assertThat(held).isBetween(1, 5);
        post("/checkout", "waitlist-soldout-1", body("patient@example.com"), 409);
        post("/waitlist", "waitlist-join-1", body("patient@example.com"), 202);

        // The holds lapse (2 s); OrderExpired reaches the waitlist queue through the rule; the function offers the
        // patient buyer a claim. Checking out before the offer would race it for the units that came back (and may
        // win them as an ordinary buyer), so wait for the claim, then check out again to take it.
        eventually(() -> claimOffered("patient@example.com"));
        // The other lapsed units are back on sale to anyone: other buyers take them, so the drop is sold out again
        // and only the claim can serve the patient buyer.
        for (int later = 0; send("/checkout", "waitlist-later-" + later, body("later" + later + "@example.com"))
                .statusCode() == 201; later++) {
            assertThat(later).isLessThan(5);
        }
        HttpResponse<String> redeemed = send("/checkout", "waitlist-redeem-1", body("patient@example.com"));

        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
        assertThat(redeemed.headers().firstValue("idempotent-replayed")).contains("true");
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

    private static boolean claimOffered(String email) {
        DynamoDbClient dynamoDb = dev.microdrop.infrastructure.aws.AwsClientFactory.fromEnvironment().dynamoDb();
        // The runtime's buyer-id key (its development default unless the environment sets one).
        String key = System.getenv().getOrDefault("MICRODROP_BUYER_ID_KEY", System.getProperty("microdrop.buyer-id-key"));
        String buyer = new dev.microdrop.core.buyer.BuyerIds(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .of(email).value();
        var item = dynamoDb.getItem(r -> r.tableName(LocalRuntime.TABLE).key(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CLAIM#short-holds#" + buyer),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CLAIM")))).item();
        return item != null && !item.isEmpty();
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 20 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
