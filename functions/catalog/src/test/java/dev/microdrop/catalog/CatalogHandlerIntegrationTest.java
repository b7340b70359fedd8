package dev.microdrop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.catalog.CatalogService;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.CountingDynamoDb;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The catalog handler on DynamoDB Local, with a clock the test moves and every table request counted. */
class CatalogHandlerIntegrationTest {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final ObjectMapper MAPPER = Json.mapper();

    private final MutableClock clock = new MutableClock(START);
    private CountingDynamoDb counting;
    private CatalogHandler handler;
    private String table;

    @BeforeEach
    void seed() {
        table = TestDrops.seeded(TestDrops.open(START, 2, 50, "A", "B"), START);
        counting = new CountingDynamoDb(LocalDynamoDb.client());
        CachedDropReader drops = new CachedDropReader(new DynamoDbDropReader(counting.client(), table, clock), clock,
                WINDOW);
        handler = new CatalogHandler(new CatalogService(drops, clock), new Responses(MAPPER), WINDOW);
    }

    @Test
    void getDrop_returnsSkusWithLiveAvailability_wavePlan_serverClock_andCacheHeaders() throws Exception {
        APIGatewayV2HTTPResponse response = get("/drops/" + TestDrops.DROP, Map.of());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("cache-control",
                "public, max-age=2, s-maxage=2, stale-while-revalidate=30, stale-if-error=300");
        assertThat(response.getHeaders().get("etag")).matches("W/\"[0-9a-f]{24}\"");
        JsonNode drop = MAPPER.readTree(response.getBody());
        assertThat(drop.get("serverTime").asText()).isEqualTo(START.toString());
        assertThat(drop.get("status").asText()).isEqualTo("open");
        assertThat(drop.get("skus").findValuesAsText("sku")).containsExactly("A", "B");
        assertThat(drop.get("skus").get(0).get("available").asInt()).isEqualTo(50);
        assertThat(drop.get("skus").get(0).get("price").get("minorUnits").asLong()).isEqualTo(2_500);
        assertThat(drop.get("waves").get(0).get("sharePercent").asDouble()).isEqualTo(100.0);
    }

    /**
     * A shipment's units of a SKU leave from one hub, so 1 unit at each of two ship-from hubs is 2 available but
     * at most 1 per shipment; the catalog says both, as the checkout's sold-out problem does.
     */
    @Test
    void getDrop_saysTheMostOneShipmentCanTake_forASkuSpreadOverHubs() throws Exception {
        java.util.Map<String, Integer> split = new java.util.LinkedHashMap<>();
        split.put("berlin", 1);
        split.put("hamburg", 1);
        dev.microdrop.core.drop.Drop open = TestDrops.open(START, 2, 2, "A");
        dev.microdrop.core.drop.Drop spread = new dev.microdrop.core.drop.Drop(open.dropId(), open.name(),
                open.currency(), open.opensAt(), open.closesAt(), open.perBuyerLimit(), open.holdDuration(), true,
                List.of(new dev.microdrop.core.drop.PickupHub("berlin", "Berlin"),
                        new dev.microdrop.core.drop.PickupHub("hamburg", "Hamburg")),
                List.of(new dev.microdrop.core.drop.Sku("A", "product-a", "Product A", "One size",
                        dev.microdrop.core.drop.Money.of(2_500, "EUR"), 2, split)),
                new dev.microdrop.core.drop.WavePlan(List.of(new dev.microdrop.core.drop.Wave(1, open.opensAt(),
                        dev.microdrop.core.drop.WavePlan.WHOLE))), true, null, List.of("berlin", "hamburg"));
        table = TestDrops.seeded(spread, START);
        handler = new CatalogHandler(new CatalogService(new CachedDropReader(
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), clock, WINDOW), clock),
                new Responses(MAPPER), WINDOW);

        JsonNode sku = MAPPER.readTree(get("/drops/" + TestDrops.DROP, Map.of()).getBody()).get("skus").get(0);

        assertThat(sku.get("available").asInt()).isEqualTo(2);
        assertThat(sku.get("maxPerShipment").asInt()).isEqualTo(1);
        assertThat(sku.get("stockByHub").findValuesAsText("available")).containsExactly("1", "1");
    }

    @Test
    void getDrop_showsAPause_andAnInsidersWindow_andChangesItsETag() throws Exception {
        JsonNode running = MAPPER.readTree(get("/drops/" + TestDrops.DROP, Map.of()).getBody());
        String etag = get("/drops/" + TestDrops.DROP, Map.of()).getHeaders().get("etag");
        new dev.microdrop.infrastructure.dynamodb.DynamoDbDropPauses(LocalDynamoDb.client(), table).pause(TestDrops.DROP,
                START);
        new dev.microdrop.infrastructure.dynamodb.DynamoDbStockAdjustments(LocalDynamoDb.client(), table)
                .flashRestock(TestDrops.DROP, "B", 5, START.plus(Duration.ofMinutes(15)), START);
        clock.advance(WINDOW);

        APIGatewayV2HTTPResponse response = get("/drops/" + TestDrops.DROP, Map.of("if-none-match", etag));
        JsonNode paused = MAPPER.readTree(response.getBody());

        assertThat(running.get("paused").asBoolean()).isFalse();
        assertThat(running.get("skus").get(1).has("insidersOnlyUntil")).isFalse();
        assertThat(response.getStatusCode()).as("a new state, a new ETag").isEqualTo(200);
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(paused.get("skus").get(1).get("insidersOnlyUntil").asText())
                .isEqualTo(START.plus(Duration.ofMinutes(15)).toString());
        assertThat(paused.get("skus").get(1).get("released").asInt()).isEqualTo(55);
        assertThat(paused.get("skus").get(0).has("insidersOnlyUntil")).isFalse();
    }

    @Test
    void getDrop_whenIfNoneMatchesTheState_then304WithoutBody_evenAsTheClockMoves() {
        String etag = get("/drops/" + TestDrops.DROP, Map.of()).getHeaders().get("etag");
        clock.advance(Duration.ofMillis(500));

        APIGatewayV2HTTPResponse same = get("/drops/" + TestDrops.DROP, Map.of("if-none-match", etag));
        APIGatewayV2HTTPResponse inList = get("/drops/" + TestDrops.DROP, Map.of("if-none-match", "\"x\", " + etag));
        APIGatewayV2HTTPResponse other = get("/drops/" + TestDrops.DROP, Map.of("if-none-match", "W/\"other\""));

        assertThat(same.getStatusCode()).isEqualTo(304);
        assertThat(same.getBody()).isNull();
        assertThat(same.getHeaders()).containsEntry("etag", etag).containsKey("cache-control").containsKey("date");
        assertThat(inList.getStatusCode()).isEqualTo(304);
        assertThat(other.getStatusCode()).isEqualTo(200);
    }

    @Test
    void getDrop_whenNothingChanged_thenTheNextWindowStillAnswers304() {
        APIGatewayV2HTTPResponse first = get("/drops/" + TestDrops.DROP, Map.of());
        clock.advance(WINDOW.multipliedBy(3));

        APIGatewayV2HTTPResponse later = get("/drops/" + TestDrops.DROP, Map.of("if-none-match",
                first.getHeaders().get("etag")));

        // A storefront polls once per max-age, so each of its reads falls in a new window and a new read of the
        // table (a new stockAsOf): the ETag is of the state, so an unchanged drop is still a 304.
        assertThat(later.getStatusCode()).isEqualTo(304);
        assertThat(counting.reads()).isEqualTo(2);
    }

    @Test
    void getDrop_whenStockChanges_thenAfterTheWindowTheEtagChanges() {
        String before = get("/drops/" + TestDrops.DROP, Map.of()).getHeaders().get("etag");
        takeOneUnit("A");

        String withinWindow = get("/drops/" + TestDrops.DROP, Map.of()).getHeaders().get("etag");
        clock.advance(WINDOW);
        String afterWindow = get("/drops/" + TestDrops.DROP, Map.of()).getHeaders().get("etag");

        assertThat(withinWindow).isEqualTo(before);
        assertThat(afterWindow).isNotEqualTo(before);
    }

    @Test
    void getDrop_whenABurstArrives_thenTheTableIsReadOncePerWindow() throws Exception {
        burst(500);
        assertThat(counting.reads()).isEqualTo(1);

        clock.advance(WINDOW.minusMillis(1));
        burst(200);
        assertThat(counting.reads()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        burst(500);
        assertThat(counting.reads()).isEqualTo(2);
        assertThat(counting.writes()).isZero();
    }

    @Test
    void listDrops_returnsTheDirectory() throws Exception {
        APIGatewayV2HTTPResponse response = get("/drops", Map.of());

        JsonNode list = MAPPER.readTree(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(list.get("drops").get(0).get("dropId").asText()).isEqualTo(TestDrops.DROP);
        assertThat(list.get("drops").get(0).get("href").asText()).isEqualTo("/drops/" + TestDrops.DROP);
        assertThat(list.get("serverTime").asText()).isEqualTo(START.toString());
    }

    @Test
    void head_answersHeadersWithoutBody() {
        APIGatewayV2HTTPResponse response = handler.apply(event("HEAD", "/drops/" + TestDrops.DROP, Map.of()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isNull();
        assertThat(response.getHeaders()).containsKey("etag");
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            "GET, /drops/no-such-drop, 404, drop-not-found",
            "GET, /drops/UPPER-CASE, 404, drop-not-found",
            "GET, /drops/a%23META, 404, drop-not-found",
            "GET, /drops/test-drop/extra, 404, drop-not-found",
            "GET, /elsewhere, 404, not-found",
            "POST, /drops, 405, method-not-allowed",
            "DELETE, /drops/test-drop, 405, method-not-allowed",
    })
    void badRequests_getProblemJson_andLeaveTheTableUnchanged(String method, String path, int status, String type)
            throws Exception {
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = handler.apply(event(method, path, Map.of("content-type", "application/json")));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = MAPPER.readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /, 404, ",
            "GET, /dropsx, 404, ",
            "GET, /drops//, 404, ",
            "PUT, /drops/, 405, 'GET, HEAD'",
            "POST, /drops/test-drop/extra, 405, 'GET, HEAD'",
            "OPTIONS, /drops/test-drop, 405, 'GET, HEAD'",
    })
    void theRouteTable_answersUnknownPathsWith404_andOtherMethodsWith405AndAllow(String method, String path,
            int status, String allow) {
        APIGatewayV2HTTPResponse response = handler.apply(event(method, path, Map.of()));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        if (allow != null) {
            assertThat(response.getHeaders()).containsEntry("allow", allow);
        }
    }

    private void burst(int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return get("/drops/" + TestDrops.DROP, Map.of());
                }));
            }
            start.countDown();
            for (Future<APIGatewayV2HTTPResponse> future : futures) {
                assertThat(future.get().getStatusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    private void takeOneUnit(String sku) {
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.sku(TestDrops.DROP, sku))
                .updateExpression("SET available = available - :one, held = held + :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
        return handler.apply(event("GET", path, headers));
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withHeaders(new HashMap<>(headers))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }
}
