package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.CheckoutOutcome;
import dev.microdrop.core.checkout.Fulfilment;
import dev.microdrop.core.checkout.Order;
import dev.microdrop.core.checkout.OrderLine;
import dev.microdrop.core.checkout.OrderStatus;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.function.http.Json;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/openapi.yaml honest: the problem types, paths, schemas and the checkout example must match the
 * code. The code is the truth; when this fails, fix the document (or the code, if the document was right).
 */
class OpenApiContractTest {

    /** Relative to the module directory, which is Surefire's working directory. */
    private static final Path DOCUMENT = Path.of("../../docs/openapi.yaml");
    private static final ObjectMapper JSON = Json.mapper();
    private static final String KEY = "openapi-contract-example-1";
    /** The order-token key the example {@code orderToken} was computed with. */
    private static final byte[] TOKEN_KEY = "contract-test-key".getBytes(StandardCharsets.UTF_8);

    private static String text;
    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        assertThat(DOCUMENT).as("the OpenAPI document at %s", DOCUMENT.toAbsolutePath().normalize())
                .isRegularFile();
        text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        doc = new ObjectMapper(new YAMLFactory()).readTree(text);
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void everyProblemTypeIsDocumentedWithItsStatus() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(text).as("problem type %s", type).contains(type.uri());
            assertThat(text).as("the table row of %s", type)
                    .contains("| `" + type.uri() + "` | " + type.status() + " | " + type.title() + " |");
        }
    }

    @Test
    void everyProblemExampleHasTheStatusAndTitleOfItsType() {
        Map<String, ProblemType> byUri = new HashMap<>();
        for (ProblemType type : ProblemType.values()) {
            byUri.put(type.uri(), type);
        }
        List<JsonNode> problems = new ArrayList<>();
        collectProblems(doc, problems);
        assertThat(problems).isNotEmpty();
        for (JsonNode problem : problems) {
            ProblemType type = byUri.get(problem.get("type").asText());
            assertThat(type).as("a known problem type: %s", problem).isNotNull();
            assertThat(problem.path("status").asInt()).as("status of %s", problem).isEqualTo(type.status());
            assertThat(problem.path("title").asText()).as("title of %s", problem).isEqualTo(type.title());
        }
    }

    @Test
    void pathsHaveTheirMethodsAndEveryStatusTheCodeCanAnswer() {
        List<String> catalog = List.of("200", "304", "404", "405", "500");
        assertThat(operations("/drops")).containsExactlyInAnyOrder("get", "head");
        assertThat(operations("/drops/{dropId}")).containsExactlyInAnyOrder("get", "head");
        assertThat(operations("/checkout")).containsExactly("post");
        assertThat(operations("/orders/{orderId}")).containsExactly("get");
        assertThat(operations("/webhooks/payments")).containsExactly("post");
        for (String path : List.of("/drops", "/drops/{dropId}")) {
            for (String method : List.of("get", "head")) {
                assertThat(statuses(path, method)).as("%s %s", method, path).containsExactlyInAnyOrderElementsOf(catalog);
            }
        }
        assertThat(statuses("/checkout", "post")).containsExactlyInAnyOrder(
                "201", "400", "403", "404", "405", "409", "413", "415", "422", "429", "500", "502", "503");
        assertThat(doc.at("/paths/~1checkout/post/responses/201/headers").has("Idempotent-Replayed")).isTrue();
        assertThat(doc.at("/paths/~1checkout/post/responses/503/headers").has("Retry-After")).isTrue();
        assertThat(doc.at("/paths/~1checkout/post/responses/502/headers").has("Retry-After")).isTrue();
        assertThat(statuses("/orders/{orderId}", "get")).containsExactlyInAnyOrder("200", "401", "404", "405", "500");
        assertThat(doc.at("/paths/~1orders~1{orderId}/get/responses/401/headers").has("WWW-Authenticate")).isTrue();
        assertThat(doc.at("/paths/~1orders~1{orderId}/get/security/0").has("orderToken")).isTrue();
        assertThat(doc.at("/components/securitySchemes/orderToken/scheme").asText()).isEqualTo("bearer");
        assertThat(statuses("/webhooks/payments", "post")).containsExactlyInAnyOrder(
                "200", "400", "404", "405", "413", "500");
        assertThat(doc.at("/paths/~1webhooks~1payments/post/parameters/0/name").asText()).isEqualTo("Stripe-Signature");
        assertThat(doc.at("/components/parameters/IdempotencyKey/schema/pattern").asText())
                .isEqualTo("^" + dev.microdrop.core.drop.Ids.IDEMPOTENCY_KEY.pattern() + "$");
    }

    @Test
    void checkoutRequestRequiresExactlyTheFourTopLevelFields() {
        JsonNode schema = schema("CheckoutRequest");
        assertThat(strings(schema.get("required"))).containsExactlyInAnyOrder("dropId", "lines", "buyer", "fulfilment");
        // The optional early-access token is the one more member a checkout may carry.
        assertThat(fieldNames(schema.get("properties"))).containsExactlyInAnyOrder("dropId", "lines", "buyer", "fulfilment",
                "accessToken");
        assertThat(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean())
                .as("unknown top-level fields are refused").isTrue();
        assertThat(schema.at("/properties/lines/maxItems").asInt()).isEqualTo(CheckoutCommand.MAX_LINES);
        assertThat(schema("CheckoutLine").at("/properties/quantity/maximum").asInt()).isEqualTo(CheckoutCommand.MAX_QUANTITY);
    }

    @Test
    void orderSchemaListsWhatOrderJsonWrites() {
        JsonNode order = schema("Order");
        assertThat(strings(order.get("required"))).contains("orderId", "status", "amount", "holdExpiresAt");
        assertThat(fieldNames(order.get("properties"))).containsExactlyInAnyOrderElementsOf(components(OrderJson.class));
        assertThat(fieldNames(schema("OrderLine").get("properties")))
                .containsExactlyInAnyOrderElementsOf(components(OrderJson.LineJson.class));
        assertThat(fieldNames(schema("Money").get("properties")))
                .containsExactlyInAnyOrderElementsOf(components(OrderJson.MoneyJson.class));
        assertThat(fieldNames(schema("Payment").get("properties")))
                .containsExactlyInAnyOrderElementsOf(components(OrderJson.PaymentJson.class));
        assertThat(strings(schema("Payment").get("required")))
                .containsExactlyInAnyOrderElementsOf(components(OrderJson.PaymentJson.class));
        assertThat(strings(order.at("/properties/status/enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(OrderStatus.values()).map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /**
     * The example request goes through the real handler (only the use case is a stub, which answers with the
     * order it would hold) and the answer must equal the example 201 response member for member.
     */
    /** Where the events that reach the webhook are described, the fixtures must exist. */
    @Test
    void theWebhookExamplesPointAtExistingFixtures() {
        JsonNode examples = doc.at("/paths/~1webhooks~1payments/post/requestBody/content/application~1json/examples");
        List<String> external = new ArrayList<>();
        examples.elements().forEachRemaining(example -> {
            if (example.has("externalValue")) {
                external.add(example.get("externalValue").asText());
            }
        });
        assertThat(external).isNotEmpty();
        for (String value : external) {
            assertThat(DOCUMENT.resolveSibling(value)).as("example %s", value).isRegularFile();
        }
    }

    @Test
    void theOrderExampleIsWhatGetOrderAnswers() throws IOException {
        JsonNode example = doc.at("/paths/~1orders~1{orderId}/get/responses/200/content/application~1json/examples/paid/value");
        assertThat(example.isObject()).as("the example 200 of GET /orders/{orderId}").isTrue();
        assertThat(fieldNames(example)).doesNotContain("payment", "orderToken");
        JsonNode checkoutExample = doc.at("/paths/~1checkout/post/responses/201/content/application~1json/examples/held/value");
        String orderId = checkoutExample.get("orderId").asText();
        assertThat(example.get("orderId").asText()).isEqualTo(orderId);

        CheckoutHandler handler = new CheckoutHandler(command -> {
            throw new AssertionError("GET /orders/{orderId} never checks out");
        }, command -> {
            throw new AssertionError("GET /orders/{orderId} never joins a waitlist");
        }, id -> java.util.Optional.of(order(example, id)), new OrderTokens(TOKEN_KEY), JSON, new Responses(JSON));

        APIGatewayV2HTTPResponse ok = handler.apply(get("/orders/" + orderId,
                Map.of("authorization", "Bearer " + checkoutExample.get("orderToken").asText())));
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(200);
        assertThat(JSON.readTree(ok.getBody())).isEqualTo(JSON.readTree(JSON.writeValueAsString(example)));

        APIGatewayV2HTTPResponse anonymous = handler.apply(get("/orders/" + orderId, Map.of()));
        assertThat(anonymous.getStatusCode()).isEqualTo(401);
        assertThat(anonymous.getHeaders()).containsEntry("www-authenticate", "Bearer");
        JsonNode unauthorized = doc.at("/paths/~1orders~1{orderId}/get/responses/401/content/application~1problem+json/examples/unauthorized/value");
        assertThat(JSON.readTree(anonymous.getBody())).isEqualTo(JSON.readTree(JSON.writeValueAsString(unauthorized)));

        APIGatewayV2HTTPResponse wrongToken = handler.apply(get("/orders/" + orderId,
                Map.of("authorization", "Bearer " + new OrderTokens(TOKEN_KEY).issue("ord_someone_else"))));
        assertThat(wrongToken.getStatusCode()).isEqualTo(404);
        JsonNode notFound = doc.at("/paths/~1orders~1{orderId}/get/responses/404/content/application~1problem+json/examples/order-not-found/value");
        assertThat(JSON.readTree(wrongToken.getBody())).isEqualTo(JSON.readTree(JSON.writeValueAsString(notFound)));
    }

    @Test
    void theCheckoutExamplesRoundTripThroughTheHandler() throws IOException {
        JsonNode requestExample = doc.at("/paths/~1checkout/post/requestBody/content/application~1json/examples/bundle/value");
        JsonNode responseExample = doc.at("/paths/~1checkout/post/responses/201/content/application~1json/examples/held/value");
        assertThat(requestExample.isObject()).as("the example request").isTrue();
        assertThat(responseExample.isObject()).as("the example 201 response").isTrue();

        String body = JSON.writeValueAsString(requestExample);
        JsonNode parsed = JSON.readTree(body);
        assertThat(fieldNames(parsed)).containsExactlyInAnyOrder("dropId", "lines", "buyer", "fulfilment");
        assertThat(CheckoutRequestParser.parse(KEY, parsed)).isInstanceOf(Validated.Valid.class);

        Map<String, Money> prices = new HashMap<>();
        for (JsonNode line : responseExample.get("lines")) {
            prices.put(line.get("sku").asText(), Money.of(line.at("/unitPrice/minorUnits").asLong(),
                    line.at("/unitPrice/currency").asText()));
        }
        AtomicReference<CheckoutCommand> received = new AtomicReference<>();
        CheckoutHandler handler = new CheckoutHandler(command -> {
            received.set(command);
            List<OrderLine> lines = command.lines().stream()
                    .map(l -> new OrderLine(l.sku(), l.quantity(), prices.get(l.sku()))).toList();
            Money amount = lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
            return new CheckoutOutcome.Reserved(new Order(responseExample.get("orderId").asText(), command.dropId(),
                    new BuyerIds("contract-test-key".getBytes(StandardCharsets.UTF_8)).of(command.buyerEmail()),
                    command.buyerEmail(), lines, amount, command.fulfilment(), OrderStatus.HELD,
                    Instant.parse(responseExample.get("createdAt").asText()),
                    Instant.parse(responseExample.get("holdExpiresAt").asText())), false,
                    new PaymentIntent(responseExample.at("/payment/provider").asText(),
                            responseExample.at("/payment/intentId").asText(),
                            responseExample.at("/payment/clientSecret").asText()));
        }, command -> {
            throw new AssertionError("the example is a checkout, not a waitlist place");
        }, orderId -> java.util.Optional.empty(), new OrderTokens(TOKEN_KEY), JSON, new Responses(JSON));

        APIGatewayV2HTTPResponse response = handler.apply(post(body));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(received.get().idempotencyKey()).isEqualTo(KEY);
        assertThat(response.getHeaders()).containsEntry("content-type", Responses.JSON)
                .containsEntry("idempotent-replayed", "false");
        assertThat(responseExample.get("orderToken").asText()).as("the example's orderToken")
                .isEqualTo(new OrderTokens(TOKEN_KEY).issue(responseExample.get("orderId").asText()));
        assertThat(responseExample.at("/payment/intentId").asText()).startsWith("pi_");
        assertThat(responseExample.at("/payment/clientSecret").asText())
                .startsWith(responseExample.at("/payment/intentId").asText() + "_secret_");
        assertThat(JSON.readTree(response.getBody())).isEqualTo(JSON.readTree(JSON.writeValueAsString(responseExample)));
    }

    /** The order an {@code Order} example shows (the buyer's e-mail and address are not part of it). */
    private static Order order(JsonNode example, String orderId) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : example.get("lines")) {
            lines.add(new OrderLine(line.get("sku").asText(), line.get("quantity").asInt(),
                    Money.of(line.at("/unitPrice/minorUnits").asLong(), line.at("/unitPrice/currency").asText())));
        }
        Money amount = lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        assertThat(amount.minorUnits()).isEqualTo(example.at("/amount/minorUnits").asLong());
        assertThat(example.at("/fulfilment/type").asText()).isEqualTo("pickup");
        return new Order(orderId, example.get("dropId").asText(),
                new BuyerIds(TOKEN_KEY).of("ada@example.com"), "ada@example.com", lines, amount,
                new Fulfilment.Pickup(example.at("/fulfilment/hubId").asText()),
                OrderStatus.valueOf(example.get("status").asText().toUpperCase(java.util.Locale.ROOT)),
                Instant.parse(example.get("createdAt").asText()), Instant.parse(example.get("holdExpiresAt").asText()));
    }

    private static APIGatewayV2HTTPEvent get(String path, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withHeaders(headers)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath(path).build())
                        .build())
                .build();
    }

    private static APIGatewayV2HTTPEvent post(String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath("/checkout")
                .withHeaders(Map.of("content-type", "application/json", "idempotency-key", KEY))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/checkout").build())
                        .build())
                .build();
    }

    private static JsonNode schema(String name) {
        JsonNode schema = doc.at("/components/schemas/" + name);
        assertThat(schema.isObject()).as("components/schemas/%s", name).isTrue();
        return schema;
    }

    private static Set<String> operations(String path) {
        JsonNode item = doc.path("paths").path(path);
        assertThat(item.isObject()).as("path %s", path).isTrue();
        Set<String> methods = new TreeSet<>(fieldNames(item));
        methods.retainAll(Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace"));
        return methods;
    }

    private static List<String> statuses(String path, String method) {
        return fieldNames(doc.path("paths").path(path).path(method).path("responses"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("an array: %s", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> components(Class<? extends Record> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** Every object that looks like a problem document: a {@code type} under the problems base URI. */
    private static void collectProblems(JsonNode node, List<JsonNode> found) {
        if (node.isObject() && node.path("type").isTextual()
                && node.get("type").asText().startsWith("https://microdrop.dev/problems/") && node.has("status")) {
            found.add(node);
        }
        node.elements().forEachRemaining(child -> collectProblems(child, found));
    }
}
