package dev.microdrop.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.payments.StripeSignatures;
import dev.microdrop.infrastructure.payments.StripeWebhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoint on DynamoDB Local with Stripe-shaped events from events/stripe/: signatures are checked
 * over the raw body, every refusal leaves the table unchanged, and each event is applied once.
 */
class WebhookIntegrationTest {

    private static final String SECRET = "whsec_test_current_0123456789";
    private static final String OLD_SECRET = "whsec_test_previous_0123456789";
    private static final ObjectMapper MAPPER = Json.mapper();

    private static final String INTENT = "pi_3Rm1cr0Dr0pTestIntent0001";

    private final Clock clock = Clock.systemUTC();
    private String table;
    private Order order;
    private WebhookHandler handler;

    @BeforeEach
    void seed() {
        Instant now = clock.instant();
        table = TestDrops.seeded(TestDrops.open(now, 4, 10, "NR-42"), now);
        order = new Order(new OrderIds().next(now), TestDrops.DROP,
                new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8)).of("ada@example.com"),
                "ada@example.com", List.of(new OrderLine("NR-42", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        inventory.hold(new HoldRequest(order, "key-webhook-1", "fp", 4, now));
        // The intent the events under events/stripe/ are about, attached as the checkout attaches it.
        inventory.attachPayment(order, new PaymentIntent("stripe", INTENT, INTENT + "_secret_test"));
        OrderLifecycle lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), new RecordingPayments(), clock);
        handler = new WebhookHandler(new StripeWebhooks(List.of(SECRET, OLD_SECRET)), lifecycle, new Responses(MAPPER));
    }

    @Test
    void validSignature_appliesTheEventOnce_andAReplayChangesNothing() throws Exception {
        String payload = fixture("payment_intent.succeeded.json");
        String signature = StripeSignatures.sign(payload, SECRET, clock.instant().getEpochSecond());

        APIGatewayV2HTTPResponse first = post(payload, signature, false);
        var after = LocalDynamoDb.scan(table);
        APIGatewayV2HTTPResponse replay = post(payload, signature, false);

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(first.getBody()).get("outcome").asText()).isEqualTo("applied:paid");
        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(replay.getBody()).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(after);
        assertThat(status()).isEqualTo(OrderStatus.PAID);
    }

    /**
     * Signed by Stripe but not this order's payment: another intent, one cent, another currency. Each is answered
     * 200 (Stripe must not retry it), recorded with a PaymentRejected event, and leaves the order held.
     */
    @Test
    void aSignedEventThatIsNotTheOrdersPayment_isRejected_andTheOrderStaysHeld() throws Exception {
        String genuine = fixture("payment_intent.succeeded.json");
        Map<String, String> forgeries = Map.of(
                "rejected:wrong-intent", genuine.replace("\"id\": \"" + INTENT, "\"id\": \"pi_forged_0001"),
                "rejected:wrong-amount", genuine.replace("\"amount\": 2500", "\"amount\": 1"),
                "rejected:wrong-currency", genuine.replace("\"currency\": \"eur\"", "\"currency\": \"usd\""));
        int n = 0;
        for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
            String payload = forgery.getValue().replace("evt_3Rm1cr0Dr0pSucceeded00001", "evt_forged_" + n++);
            assertThat(payload).isNotEqualTo(genuine);
            APIGatewayV2HTTPResponse response = post(payload,
                    StripeSignatures.sign(payload, SECRET, clock.instant().getEpochSecond()), false);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(MAPPER.readTree(response.getBody()).get("outcome").asText()).isEqualTo(forgery.getKey());
            assertThat(status()).isEqualTo(OrderStatus.HELD);
        }
        assertThat(LocalDynamoDb.scan(table).stream().filter(i -> i.get("pk").s().startsWith("OUTBOX#"))
                .filter(i -> i.get("detailType").s().equals("PaymentRejected"))).hasSize(3);

        APIGatewayV2HTTPResponse own = post(genuine,
                StripeSignatures.sign(genuine, SECRET, clock.instant().getEpochSecond()), false);
        assertThat(MAPPER.readTree(own.getBody()).get("outcome").asText()).isEqualTo("applied:paid");
    }

    @Test
    void base64EncodedBody_isVerifiedOverTheDecodedBytes() throws Exception {
        String payload = fixture("payment_intent.payment_failed.json");
        String signature = StripeSignatures.sign(payload, SECRET, clock.instant().getEpochSecond());

        APIGatewayV2HTTPResponse response = post(Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
                signature, true);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void rotatedSecret_theOutgoingSecretIsStillAccepted() throws Exception {
        String payload = fixture("payment_intent.succeeded.json");

        APIGatewayV2HTTPResponse response = post(payload,
                StripeSignatures.sign(payload, OLD_SECRET, clock.instant().getEpochSecond()), false);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void unknownEventTypes_areAcknowledgedAndIgnored() throws Exception {
        String payload = fixture("customer.created.json");

        APIGatewayV2HTTPResponse response = post(payload,
                StripeSignatures.sign(payload, SECRET, clock.instant().getEpochSecond()), false);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.getBody()).get("outcome").asText()).isEqualTo("ignored");
        assertThat(status()).isEqualTo(OrderStatus.HELD);
    }

    @Test
    void refusedDeliveries_answer400_andLeaveTheTableUnchanged() throws Exception {
        String payload = fixture("payment_intent.succeeded.json");
        long now = clock.instant().getEpochSecond();
        var before = LocalDynamoDb.scan(table);
        Map<String, String> refused = new HashMap<>();
        refused.put("tampered body", payload.replace("\"amount\": 2500", "\"amount\": 1"));
        refused.put("wrong secret", payload);
        refused.put("stale timestamp", payload);
        refused.put("no signature", payload);

        assertRefused(post(refused.get("tampered body"), StripeSignatures.sign(payload, SECRET, now), false));
        assertRefused(post(payload, StripeSignatures.sign(payload, "whsec_someone_else_000000", now), false));
        assertRefused(post(payload, StripeSignatures.sign(payload, SECRET, now - 600), false));
        assertRefused(post(payload, null, false));
        assertRefused(post(payload, "t=abc,v1=zz", false));

        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(status()).isEqualTo(OrderStatus.HELD);
    }

    @Test
    void wrongMethodOrPath_getProblems() {
        assertThat(handler.apply(event("GET", WebhookHandler.PATH, Map.of(), null, false)).getStatusCode()).isEqualTo(405);
        assertThat(handler.apply(event("POST", "/webhooks/other", Map.of(), "{}", false)).getStatusCode()).isEqualTo(404);
    }

    @Test
    void theRouteTable_answersOtherPathsWith404_andOtherMethodsWith405AndAllow() throws Exception {
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse put = handler.apply(event("PUT", WebhookHandler.PATH, Map.of(), "{}", false));
        APIGatewayV2HTTPResponse slash = handler.apply(event("POST", WebhookHandler.PATH + "/", Map.of(), "{}", false));
        APIGatewayV2HTTPResponse parent = handler.apply(event("POST", "/webhooks", Map.of(), "{}", false));

        assertThat(put.getStatusCode()).isEqualTo(405);
        assertThat(put.getHeaders()).containsEntry("allow", "POST");
        assertThat(slash.getStatusCode()).isEqualTo(404);
        assertThat(parent.getStatusCode()).isEqualTo(404);
        assertThat(parent.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    private void assertRefused(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(MAPPER.readTree(response.getBody()).get("type").asText())
                .isEqualTo("https://microdrop.dev/problems/signature-invalid");
    }

    private String fixture(String name) throws Exception {
        return Files.readString(LambdaHarness.repositoryRoot().resolve("events/stripe").resolve(name))
                .replace("ord_01JTESTORDER0000000000000", order.orderId());
    }

    private APIGatewayV2HTTPResponse post(String body, String signature, boolean base64) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json; charset=utf-8"));
        if (signature != null) {
            headers.put("stripe-signature", signature);
        }
        return handler.apply(event("POST", WebhookHandler.PATH, headers, body, base64));
    }

    private OrderStatus status() {
        return new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(order.orderId()).orElseThrow().status();
    }

    static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String body,
            boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }
}
