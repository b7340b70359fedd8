package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a clear error and changes nothing: every malformed or hostile checkout is answered with RFC 9457
 * problem JSON and a 4xx, and a scan of the table afterwards equals the scan before.
 */
class CheckoutBadInputIntegrationTest {

    private static final String KEY = "bad-input-key-1";
    private static final String JSON = "application/json";
    private static final String GOOD = CheckoutFixture.checkout(TestDrops.DROP, "ok@example.com", "A", "1");
    private static CheckoutFixture fixture;

    @BeforeAll
    static void seed() {
        Instant now = Clock.systemUTC().instant();
        fixture = new CheckoutFixture(TestDrops.open(now, 3, 10, "A", "B"), Clock.systemUTC());
        new DynamoDbDropPublisher(LocalDynamoDb.client(), fixture.table).publish(
                TestDrops.drop("not-yet", now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), 3, 10, "A"), now);
        // One real order, so the table holds every kind of item the bad requests could disturb.
        assertThat(fixture.post("seed-order-key", GOOD).getStatusCode()).isEqualTo(201);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("malformed JSON", KEY, "{\"dropId\": ", JSON, 400, "malformed-json"),
                bad("trailing garbage", KEY, GOOD + " {}", JSON, 400, "malformed-json"),
                bad("duplicate JSON member", KEY, "{\"dropId\":\"test-drop\",\"dropId\":\"x\"}", JSON, 400, "malformed-json"),
                bad("empty body", KEY, "", JSON, 400, "malformed-json"),
                bad("nesting bomb", KEY, "[".repeat(5_000) + "]".repeat(5_000), JSON, 400, "malformed-json"),
                bad("body is an array", KEY, "[" + GOOD + "]", JSON, 422, "invalid-request"),
                bad("dropId is a number", KEY, GOOD.replace("\"test-drop\"", "42"), JSON, 422, "invalid-request"),
                bad("quantity is a string", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":\"1\""), JSON, 422, "invalid-request"),
                bad("quantity is a fraction", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":1.5"), JSON, 422, "invalid-request"),
                bad("quantity zero", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":0"), JSON, 422, "invalid-request"),
                bad("quantity negative", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":-3"), JSON, 422, "invalid-request"),
                bad("quantity absurd", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":1000000"), JSON, 422, "invalid-request"),
                bad("quantity beyond int", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":99999999999999"), JSON, 422, "invalid-request"),
                bad("lines is an object", KEY, GOOD.replace("[{\"sku\":\"A\",\"quantity\":1}]", "{\"sku\":\"A\"}"), JSON, 422, "invalid-request"),
                bad("no lines", KEY, GOOD.replace("[{\"sku\":\"A\",\"quantity\":1}]", "[]"), JSON, 422, "invalid-request"),
                bad("missing dropId", KEY, GOOD.replace("\"dropId\":\"test-drop\",", ""), JSON, 422, "invalid-request"),
                bad("missing buyer", KEY, GOOD.replace("\"buyer\":{\"email\":\"ok@example.com\"},", ""), JSON, 422, "invalid-request"),
                bad("buyer is a string", KEY, GOOD.replace("{\"email\":\"ok@example.com\"}", "\"ok@example.com\""), JSON, 422, "invalid-request"),
                bad("not an e-mail", KEY, GOOD.replace("ok@example.com", "not-an-email"), JSON, 422, "invalid-request"),
                bad("missing fulfilment", KEY, GOOD.replace(",\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"hub-one\"}", ""), JSON, 422, "invalid-request"),
                bad("unknown fulfilment type", KEY, GOOD.replace("\"pickup\"", "\"teleport\""), JSON, 422, "invalid-request"),
                bad("unknown hub", KEY, GOOD.replace("hub-one", "hub-nowhere"), JSON, 422, "invalid-request"),
                bad("ship without address", KEY, GOOD.replace("{\"type\":\"pickup\",\"hubId\":\"hub-one\"}", "{\"type\":\"ship\"}"), JSON, 422, "invalid-request"),
                bad("unknown field", KEY, GOOD.replace("{\"dropId\"", "{\"price\":0,\"dropId\""), JSON, 422, "invalid-request"),
                bad("unknown field in a line", KEY, GOOD.replace("\"quantity\":1", "\"quantity\":1,\"price\":0"), JSON, 422, "invalid-request"),
                bad("unknown field in buyer", KEY, GOOD.replace("{\"email\"", "{\"vip\":true,\"email\""), JSON, 422, "invalid-request"),
                bad("duplicate SKU lines", KEY, CheckoutFixture.checkout(TestDrops.DROP, "ok@example.com", "A", "1", "A", "1"), JSON, 422, "invalid-request"),
                bad("unknown SKU", KEY, CheckoutFixture.checkout(TestDrops.DROP, "ok@example.com", "NOPE", "1"), JSON, 422, "invalid-request"),
                bad("hostile SKU", KEY, CheckoutFixture.checkout(TestDrops.DROP, "ok@example.com", "A#SKU#B", "1"), JSON, 422, "invalid-request"),
                bad("unknown drop", KEY, CheckoutFixture.checkout("no-such-drop", "ok@example.com", "A", "1"), JSON, 404, "drop-not-found"),
                bad("hostile drop id", KEY, CheckoutFixture.checkout("test-drop#META", "ok@example.com", "A", "1"), JSON, 422, "invalid-request"),
                bad("drop not yet open", KEY, CheckoutFixture.checkout("not-yet", "ok@example.com", "A", "1"), JSON, 409, "drop-not-open"),
                bad("over the per-buyer limit in one order", KEY, CheckoutFixture.checkout(TestDrops.DROP, "ok2@example.com", "A", "4"), JSON, 429, "limit-reached"),
                bad("lone surrogate escape", KEY, GOOD.replace("ok@example.com", "ok\\ud800@example.com"), JSON, 400, "malformed-json"),
                bad("lone low surrogate escape", KEY, GOOD.replace("\"hub-one\"", "\"hub\\udc00one\""), JSON, 400, "malformed-json"),
                bad("replacement character", KEY, GOOD.replace("ok@example.com", "ok\uFFFD@example.com"), JSON, 400, "malformed-json"),
                bad("byte order mark", KEY, "\uFEFF" + GOOD, JSON, 400, "malformed-json"),
                bad("oversized body", KEY, GOOD.replace("ok@example.com", "x".repeat(17_000) + "@example.com"), JSON, 413, "payload-too-large"),
                bad("wrong content type", KEY, GOOD, "text/plain", 415, "unsupported-media-type"),
                bad("form content type", KEY, GOOD, "application/x-www-form-urlencoded", 415, "unsupported-media-type"),
                bad("no content type", KEY, GOOD, null, 415, "unsupported-media-type"),
                bad("no idempotency key", null, GOOD, JSON, 400, "idempotency-key-missing"),
                bad("hostile idempotency key", "short", GOOD, JSON, 422, "invalid-request"),
                bad("key reused for another body", "seed-order-key", CheckoutFixture.checkout(TestDrops.DROP, "ok@example.com", "B", "1"), JSON, 422, "idempotency-key-reused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void checkout_whenRequestIsBad_thenProblemJsonAndTableUnchanged(String name, String key, String body,
            String contentType, int status, String type) {
        var before = LocalDynamoDb.scan(fixture.table);
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }

        APIGatewayV2HTTPResponse response = fixture.post(key, body, headers);

        assertProblem(response, status, type);
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void checkout_whenMethodOrPathIsWrong_thenProblemJsonAndTableUnchanged() {
        var before = LocalDynamoDb.scan(fixture.table);

        APIGatewayV2HTTPResponse get = fixture.handler.apply(CheckoutFixture.event("GET", "/checkout", Map.of(), null));
        APIGatewayV2HTTPResponse elsewhere = fixture.handler.apply(
                CheckoutFixture.event("POST", "/admin", Map.of("content-type", JSON, "idempotency-key", KEY), GOOD));

        assertProblem(get, 405, "method-not-allowed");
        assertThat(get.getHeaders()).containsEntry("allow", "POST");
        assertProblem(elsewhere, 404, "not-found");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void checkout_whenBase64BodyIsUndecodable_thenMalformedAndTableUnchanged() {
        var before = LocalDynamoDb.scan(fixture.table);
        APIGatewayV2HTTPEvent event = CheckoutFixture.event("POST", "/checkout",
                Map.of("content-type", JSON, "idempotency-key", KEY), "%%%not-base64%%%");
        event.setIsBase64Encoded(true);

        assertProblem(fixture.handler.apply(event), 400, "malformed-json");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    /**
     * Bytes that are not UTF-8 (here {@code \xff\xfe} inside the address's name), as the local runtime passes them:
     * base64-encoded, like any body a function URL does not take for text. Refused on the checkout, the waitlist
     * and pre-orders alike, and nothing is held or queued.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/checkout", "/waitlist", "/preorders"})
    void aBodyThatIsNotUtf8_isMalformed_onEveryRoute_andChangesNothing(String path) {
        String ship = GOOD.replace("{\"type\":\"pickup\",\"hubId\":\"hub-one\"}", "{\"type\":\"ship\",\"address\":"
                + "{\"name\":\"Ada@@\",\"line1\":\"Main St 1\",\"city\":\"Berlin\",\"postalCode\":\"10115\","
                + "\"country\":\"DE\"}}");
        byte[] bytes = ship.getBytes(StandardCharsets.UTF_8);
        int at = ship.indexOf("@@");
        bytes[at] = (byte) 0xff;
        bytes[at + 1] = (byte) 0xfe;
        var before = LocalDynamoDb.scan(fixture.table);
        APIGatewayV2HTTPEvent event = CheckoutFixture.event("POST", path,
                Map.of("content-type", JSON, "idempotency-key", "not-utf8-key-1"), Base64.getEncoder().encodeToString(bytes));
        event.setIsBase64Encoded(true);

        assertProblem(fixture.handler.apply(event), 400, "malformed-json");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void checkout_whenBodyIsBase64Encoded_thenItIsDecoded() {
        APIGatewayV2HTTPEvent event = CheckoutFixture.event("POST", "/checkout",
                Map.of("content-type", "application/json; charset=utf-8", "idempotency-key", "base64-body-key"),
                Base64.getEncoder().encodeToString(CheckoutFixture.checkout(TestDrops.DROP, "b64@example.com", "B", "1")
                        .getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(fixture.handler.apply(event).getStatusCode()).isEqualTo(201);
    }

    @Test
    void checkout_whenInvalid_thenEachProblemIsNamedByItsPointer() {
        APIGatewayV2HTTPResponse response = fixture.post(KEY,
                "{\"dropId\":7,\"lines\":[{\"sku\":\"A\",\"quantity\":0},{\"quantity\":\"x\"}],\"buyer\":{}}");

        JsonNode problem = CheckoutFixture.json(response);
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(problem.get("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder(
                "/dropId", "/lines/0/quantity", "/lines/1/sku", "/lines/1/quantity", "/buyer/email", "/fulfilment");
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = CheckoutFixture.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception");
    }

    private static Arguments bad(String name, String key, String body, String contentType, int status, String type) {
        return Arguments.of(name, key, body, contentType, status, type);
    }
}
