package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.Answers;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.PreorderOutcome;
import dev.microdrop.core.checkout.PreorderUseCase;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.json.Json;
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
import java.util.TreeMap;
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

    /** The doors' pre-orders, for tests that make none: a standard order has nothing due by pre-order terms. */
    private static final PreorderUseCase NO_PREORDERS = new PreorderUseCase() {
        @Override
        public PreorderOutcome preorder(CheckoutCommand command) {
            throw new AssertionError("no pre-order here");
        }

        @Override
        public java.util.Optional<PaymentIntent> paymentDue(Order order) {
            return java.util.Optional.empty();
        }
    };


    /** Relative to the module directory, which is Surefire's working directory. */
    private static final Path DOCUMENT = Path.of("../../docs/openapi.yaml");
    private static final ObjectMapper JSON = Json.mapper();
    private static final String KEY = "openapi-contract-example-1";
    /** The order-token key the example {@code orderToken} was computed with. */
    private static final byte[] TOKEN_KEY = "contract-test-key".getBytes(StandardCharsets.UTF_8);

    /** At least this many examples are in the document (a floor, so a walk that finds none fails). */
    private static final int EXAMPLES = 60;

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

    /**
     * Every operation says who may call it ({@code security}): the public ones with {@code []}, the buyer's order
     * with its order token, the merchant API with the merchant key. An operation without {@code security}
     * leaves generated clients guessing.
     */
    @Test
    void everyOperationDeclaresItsSecurity() {
        Map<String, String> security = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (ExampleCheck.METHODS.contains(operation.getKey())) {
                JsonNode declared = operation.getValue().get("security");
                security.put(operation.getKey() + " " + path.getKey(), declared == null ? "undeclared"
                        : declared.isEmpty() ? "public" : String.join(",", fieldNames(declared.get(0))));
            }
        }));
        assertThat(security).as("the security of each operation").doesNotContainValue("undeclared");
        assertThat(security.entrySet().stream().filter(e -> e.getValue().equals("public")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("get /drops", "head /drops", "get /drops/{dropId}", "head /drops/{dropId}",
                        "get /directory", "head /directory", "get /directory.jsonld", "head /directory.jsonld",
                        "get /directory.ics", "head /directory.ics",
                        "post /checkout", "post /preorders", "post /waitlist", "post /webhooks/payments",
                        // The audience's doors: the link tokens they carry are the proof, not a credential.
                        "post /shop/audience", "post /shop/audience/confirm", "post /shop/unsubscribe",
                        "get /shop/unsubscribe",
                        // The privacy doors: the mail to the address is the proof, its link's token the key.
                        "post /shop/privacy", "get /shop/privacy/export", "post /shop/privacy/erase",
                        // The survey's click: its link's token names the buyer and the drop.
                        "post /shop/survey");
        assertThat(security).containsEntry("get /orders/{orderId}", "orderToken");
        security.forEach((operation, declared) -> assertThat(declared).as(operation)
                .isEqualTo(operation.contains(" /merchant/") || operation.equals("get /shop/kpis") ? "merchantKey"
                        : declared));
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
     * Every example in the document conforms to the schema it illustrates: the {@code example} and every
     * {@code examples.*.value} (or {@code externalValue} file) of request bodies, responses, parameters and
     * headers, in the operations and in the components, and the {@code example}s of schemas, with the
     * document's {@code $ref}s followed. Like the linter's rule ({@code docs/lint-openapi}), an object schema that
     * says nothing about other members allows none, so an example shows only what its schema declares; a schema
     * that takes more says {@code additionalProperties: true}. Formats ({@code date-time}, {@code uri}) are checked.
     * Each failure is named by the example's JSON Pointer in the document.
     */
    @Test
    void everyExampleConformsToItsSchema() {
        ExampleCheck check = new ExampleCheck(doc, DOCUMENT);
        assertThat(check.examples()).as("the examples the check finds").hasSizeGreaterThanOrEqualTo(EXAMPLES);
        assertThat(check.failures()).as("examples that do not conform to their schema (%d checked)",
                check.examples().size()).isEmpty();
    }

    /**
     * The check above can fail: a copy of the document with six examples broken (a required member missing, a
     * wrong type, a member the schema does not declare, a parameter's example, a schema's example, a bad
     * date-time) fails on exactly those six more, each named by its pointer.
     */
    @Test
    void theExampleCheckNamesEveryExampleThatBreaksItsSchema() {
        ObjectNode broken = doc.deepCopy();
        String drop = "/paths/~1drops~1{dropId}/get/responses/200/content/application~1json/examples/open/value";
        ((ObjectNode) broken.at(drop + "/hubs/0")).remove("slots");
        String soldOut = "/paths/~1checkout/post/responses/409/content/application~1problem+json/examples/sold-out/value";
        ((ObjectNode) broken.at(soldOut)).put("remaining", "none");
        String held = "/paths/~1checkout/post/responses/201/content/application~1json/examples/held/value";
        ((ObjectNode) broken.at(held)).put("colour", "neon");
        String ifNoneMatch = "/components/parameters/IfNoneMatch/example";
        ((ObjectNode) broken.at("/components/parameters/IfNoneMatch")).put("example", 42);
        String currency = "/components/schemas/Money/properties/currency/examples/0";
        ((ArrayNode) broken.at("/components/schemas/Money/properties/currency/examples")).set(0, "eur");
        String directory = "/paths/~1drops/get/responses/200/content/application~1json/examples/directory/value";
        ((ObjectNode) broken.at(directory)).put("serverTime", "yesterday");
        Set<String> expected = new TreeSet<>(pointers(new ExampleCheck(doc, DOCUMENT).failures()));
        expected.addAll(List.of(drop, soldOut, held, ifNoneMatch, currency, directory));

        List<String> failures = new ExampleCheck(broken, DOCUMENT).failures();

        assertThat(pointers(failures)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(failures).anyMatch(failure -> failure.startsWith(drop + ": ") && failure.contains("slots"))
                .anyMatch(failure -> failure.startsWith(held + ": ") && failure.contains("colour"));
    }

    private static Set<String> pointers(List<String> failures) {
        Set<String> pointers = new TreeSet<>();
        failures.forEach(failure -> pointers.add(failure.substring(0, failure.indexOf(": "))));
        return pointers;
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

        CheckoutHandler handler = new CheckoutHandler(new BuyerDoors(command -> {
            throw new AssertionError("GET /orders/{orderId} never checks out");
        }, command -> {
            throw new AssertionError("GET /orders/{orderId} never joins a waitlist");
        }, NO_PREORDERS), id -> java.util.Optional.of(order(example, id)), new OrderTokens(TOKEN_KEY), JSON,
                new Responses(JSON));

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
        CheckoutHandler handler = new CheckoutHandler(new BuyerDoors(command -> {
            received.set(command);
            List<OrderLine> lines = command.lines().stream()
                    .map(l -> new OrderLine(l.sku(), l.quantity(), prices.get(l.sku()))).toList();
            Money amount = lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
            return new Answers.Reserved(new Order(responseExample.get("orderId").asText(), command.dropId(),
                    new BuyerIds("contract-test-key".getBytes(StandardCharsets.UTF_8)).of(command.buyerEmail()),
                    command.buyerEmail(), lines, amount, command.fulfilment(), OrderStatus.HELD,
                    Instant.parse(responseExample.get("createdAt").asText()),
                    Instant.parse(responseExample.get("holdExpiresAt").asText())), false,
                    new PaymentIntent(responseExample.at("/payment/provider").asText(),
                            responseExample.at("/payment/intentId").asText(),
                            responseExample.at("/payment/clientSecret").asText()));
        }, command -> {
            throw new AssertionError("the example is a checkout, not a waitlist place");
        }, NO_PREORDERS), orderId -> java.util.Optional.empty(), new OrderTokens(TOKEN_KEY), JSON, new Responses(JSON));

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

    /**
     * Finds every example of an OpenAPI 3.1 document with the pointer of the schema it illustrates, and validates
     * each against its schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect, {@code $ref}s resolved in the
     * document). Examples without a schema, with a dangling {@code $ref} or an unreadable {@code externalValue}
     * are failures too.
     */
    static final class ExampleCheck {

        private static final String BASE = "https://microdrop.dev/contract/openapi.json";
        private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head",
                "patch", "trace");
        private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties", "$defs",
                "dependentSchemas");
        private static final List<String> SCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf", "prefixItems");
        private static final List<String> SCHEMA_ONES = List.of("items", "additionalProperties",
                "unevaluatedProperties", "unevaluatedItems", "not", "if", "then", "else", "contains", "propertyNames",
                "contentSchema");

        /** One example: where it is, the pointer of its schema (null: it has none) and its value. */
        record Example(String pointer, String schema, JsonNode value) {
        }

        private final JsonNode doc;
        private final Path location;
        private final List<Example> examples = new ArrayList<>();
        private final List<String> schemas = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        ExampleCheck(JsonNode doc, Path location) {
            this.doc = doc;
            this.location = location;
            doc.path("paths").fields().forEachRemaining(e -> pathItem(child("/paths", e.getKey()), e.getValue()));
            doc.path("webhooks").fields().forEachRemaining(e -> pathItem(child("/webhooks", e.getKey()), e.getValue()));
            JsonNode components = doc.path("components");
            components.path("schemas").fields().forEachRemaining(e -> schema(child("/components/schemas", e.getKey()), e.getValue()));
            components.path("parameters").fields().forEachRemaining(e -> parameter(child("/components/parameters", e.getKey()), e.getValue()));
            components.path("headers").fields().forEachRemaining(e -> parameter(child("/components/headers", e.getKey()), e.getValue()));
            components.path("requestBodies").fields().forEachRemaining(e -> content(child("/components/requestBodies", e.getKey()), e.getValue()));
            components.path("responses").fields().forEachRemaining(e -> response(child("/components/responses", e.getKey()), e.getValue()));
            components.path("pathItems").fields().forEachRemaining(e -> pathItem(child("/components/pathItems", e.getKey()), e.getValue()));
            components.path("callbacks").fields().forEachRemaining(e -> callback(child("/components/callbacks", e.getKey()), e.getValue()));
        }

        List<Example> examples() {
            return examples;
        }

        /** {@code <pointer of the example>: <what is wrong>}, one line per finding; empty when every example conforms. */
        List<String> failures() {
            // The linter's reading: an object schema that says nothing about other members allows none.
            ObjectNode closed = doc.deepCopy();
            for (String pointer : schemas) {
                if (closed.at(pointer) instanceof ObjectNode schema
                        && (schema.has("properties") || schema.has("patternProperties"))
                        && !schema.has("additionalProperties") && !schema.has("unevaluatedProperties")
                        && !pointer.matches(".*/allOf/[0-9]+")) {
                    schema.put("unevaluatedProperties", false);
                }
            }
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                    .metaSchema(OpenApi31.getInstance())
                    .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, closed.toString()))));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .discriminatorKeywordEnabled(true)
                    .build();
            List<String> failures = new ArrayList<>(problems);
            for (Example example : examples) {
                if (example.schema() == null) {
                    failures.add(example.pointer() + ": no schema to check it against");
                    continue;
                }
                Set<ValidationMessage> messages = factory.getSchema(
                        new SchemaLocation(AbsoluteIri.of(BASE), path(closed, example.schema())), config)
                        .validate(example.value());
                messages.stream().map(message -> example.pointer() + ": " + message.getMessage()).sorted()
                        .forEach(failures::add);
            }
            return failures;
        }

        private void pathItem(String at, JsonNode item) {
            if (!item.isObject() || item.has("$ref")) {
                return;
            }
            parameters(at, item);
            for (String method : METHODS) {
                if (item.has(method)) {
                    operation(at + "/" + method, item.get(method));
                }
            }
        }

        private void operation(String at, JsonNode operation) {
            parameters(at, operation);
            content(at + "/requestBody", operation.path("requestBody"));
            operation.path("responses").fields().forEachRemaining(e -> response(child(at + "/responses", e.getKey()), e.getValue()));
            operation.path("callbacks").fields().forEachRemaining(e -> callback(child(at + "/callbacks", e.getKey()), e.getValue()));
        }

        private void callback(String at, JsonNode callback) {
            if (callback.isObject() && !callback.has("$ref")) {
                callback.fields().forEachRemaining(e -> pathItem(child(at, e.getKey()), e.getValue()));
            }
        }

        private void parameters(String at, JsonNode holder) {
            for (int i = 0; i < holder.path("parameters").size(); i++) {
                parameter(at + "/parameters/" + i, holder.path("parameters").get(i));
            }
        }

        /** A parameter or a header: a {@code schema} with its examples, or a {@code content}. */
        private void parameter(String at, JsonNode parameter) {
            if (!parameter.isObject() || parameter.has("$ref")) {
                return;
            }
            schema(at + "/schema", parameter.path("schema"));
            examplesOf(at, parameter, parameter.has("schema") ? at + "/schema" : null);
            content(at, parameter);
        }

        private void response(String at, JsonNode response) {
            if (!response.isObject() || response.has("$ref")) {
                return;
            }
            response.path("headers").fields().forEachRemaining(e -> parameter(child(at + "/headers", e.getKey()), e.getValue()));
            content(at, response);
        }

        /** The media types of a request body, a response or a parameter. */
        private void content(String at, JsonNode holder) {
            if (!holder.isObject() || holder.has("$ref")) {
                return;
            }
            holder.path("content").fields().forEachRemaining(e -> {
                String mediaType = child(at + "/content", e.getKey());
                schema(mediaType + "/schema", e.getValue().path("schema"));
                examplesOf(mediaType, e.getValue(), e.getValue().has("schema") ? mediaType + "/schema" : null);
                e.getValue().path("encoding").fields().forEachRemaining(encoding -> encoding.getValue().path("headers")
                        .fields().forEachRemaining(h -> parameter(child(child(mediaType + "/encoding", encoding.getKey())
                                + "/headers", h.getKey()), h.getValue())));
            });
        }

        /** The {@code example} and the {@code examples} map of a media type, a parameter or a header. */
        private void examplesOf(String at, JsonNode holder, String schema) {
            if (holder.has("example")) {
                examples.add(new Example(at + "/example", schema, holder.get("example")));
            }
            holder.path("examples").fields().forEachRemaining(e -> {
                String pointer = child(at + "/examples", e.getKey());
                JsonNode example = e.getValue();
                if (example.has("$ref")) {
                    String ref = example.get("$ref").asText();
                    pointer = ref.startsWith("#") ? ref.substring(1) : ref;
                    example = ref.startsWith("#") ? doc.at(pointer) : MissingNode.getInstance();
                    if (!example.isObject()) {
                        problems.add(child(at + "/examples", e.getKey()) + ": $ref " + ref + " names no example here");
                        return;
                    }
                }
                if (example.has("value")) {
                    examples.add(new Example(pointer + "/value", schema, example.get("value")));
                } else if (example.has("externalValue")) {
                    Path file = location.resolveSibling(example.get("externalValue").asText());
                    try {
                        examples.add(new Example(pointer + "/externalValue", schema, new ObjectMapper().readTree(file.toFile())));
                    } catch (IOException ex) {
                        problems.add(pointer + "/externalValue: cannot read " + file + ": " + ex.getMessage());
                    }
                } else {
                    problems.add(pointer + ": neither value nor externalValue");
                }
            });
        }

        /** A schema and every schema in it, with their {@code example} and {@code examples}. */
        private void schema(String at, JsonNode schema) {
            if (!schema.isObject()) {
                return;
            }
            schemas.add(at);
            if (schema.has("example")) {
                examples.add(new Example(at + "/example", at, schema.get("example")));
            }
            for (int i = 0; schema.path("examples").isArray() && i < schema.get("examples").size(); i++) {
                examples.add(new Example(at + "/examples/" + i, at, schema.get("examples").get(i)));
            }
            for (String keyword : SCHEMA_MAPS) {
                schema.path(keyword).fields().forEachRemaining(e -> schema(child(at + "/" + keyword, e.getKey()), e.getValue()));
            }
            for (String keyword : SCHEMA_LISTS) {
                for (int i = 0; i < schema.path(keyword).size(); i++) {
                    schema(at + "/" + keyword + "/" + i, schema.path(keyword).get(i));
                }
            }
            for (String keyword : SCHEMA_ONES) {
                schema(at + "/" + keyword, schema.path(keyword));
            }
        }

        /** A JSON Pointer one member deeper (RFC 6901 escaping). */
        private static String child(String pointer, String name) {
            return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        }

        /** The pointer as the validator's path, with array indices as numbers. */
        private static JsonNodePath path(JsonNode root, String pointer) {
            JsonNodePath path = new JsonNodePath(PathType.JSON_POINTER);
            JsonNode node = root;
            for (String token : pointer.substring(1).split("/", -1)) {
                String name = token.replace("~1", "/").replace("~0", "~");
                if (node.isArray()) {
                    int index = Integer.parseInt(name);
                    path = path.append(index);
                    node = node.get(index);
                } else {
                    path = path.append(name);
                    node = node.path(name);
                }
            }
            return path;
        }
    }
}
