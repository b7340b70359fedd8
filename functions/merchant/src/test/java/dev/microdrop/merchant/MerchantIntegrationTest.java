package dev.microdrop.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.merchant.KpiCalculator;
import dev.microdrop.core.merchant.MerchantDoors;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.waitlist.WaitlistEntry;
import dev.microdrop.core.waves.WaveSchedules;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.function.auth.CognitoPool;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.testing.ResponseSchemas;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPauses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbHandovers;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.DynamoDbStockAdjustments;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaveReleases;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The merchant API on DynamoDB Local: who may call it, what each merchant sees, and the numbers it gives. */
class MerchantIntegrationTest {

    private static final String KEY_A = "merchant-a-key-0123456789";
    private static final String KEY_B = "merchant-b-key-0123456789";
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Clock clock = Clock.systemUTC();
    private String table;
    private MerchantHandler handler;
    private Order paid;
    private Order held;

    @BeforeEach
    void seed() {
        Drop base = TestDrops.open(now, 5, 100, "A", "B");
        Drop drop = new Drop(base.dropId(), base.name(), base.currency(), now.minusSeconds(60), now.plus(Duration.ofDays(1)),
                5, base.holdDuration(), true, base.hubs(), base.skus(), WavePlan.standard(now.minusSeconds(60)));
        table = TestDrops.seeded(drop, now);
        DynamoDbMerchantViews views = new DynamoDbMerchantViews(LocalDynamoDb.client(), table);
        views.claim(TestDrops.DROP, "merchant-a");
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(
                TestDrops.drop("other-drop", now.minusSeconds(60), now.plus(Duration.ofDays(1)), 5, 10, "X"), now);
        views.claim("other-drop", "merchant-b");

        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        RecordingPayments payments = new RecordingPayments();
        paid = order("ada", "A", 2);
        held = order("bob", "B", 1);
        for (Order order : List.of(paid, held)) {
            inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 5, now));
            inventory.attachPayment(order, payments.createIntent(order));
        }
        DynamoDbDropReader drops = new DynamoDbDropReader(LocalDynamoDb.client(), table, clock);
        new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock), drops, payments, clock)
                .apply(new PaymentEvent("evt_paid", PaymentEventType.SUCCEEDED, paid.orderId(), "pi_" + paid.orderId(),
                        5_000, "EUR", now));
        handler = handler(new MerchantAuth("merchant-a=" + KEY_A + ",merchant-b=" + KEY_B, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} {1} with {2} -> {3}")
    @CsvSource({
            "GET, /merchant/drops/test-drop/kpis, none, 401",
            "GET, /merchant/drops/test-drop/kpis, wrong, 401",
            "POST, /merchant/drops/test-drop/waves/2/release, none, 401",
            "GET, /merchant/drops/test-drop/kpis, b, 404",
            "POST, /merchant/drops/test-drop/waves/2/release, b, 404",
            "GET, /merchant/drops/other-drop/orders, a, 404",
            "GET, /merchant/drops/no-such-drop/kpis, a, 404",
            "GET, /merchant/drops/Bad%20Id/kpis, a, 404",
            "GET, /merchant/elsewhere, a, 404",
            "DELETE, /merchant/drops/test-drop/kpis, a, 405",
            "GET, /merchant/drops/test-drop/waves/2/release, a, 405",
            "POST, /merchant/drops/test-drop/insiders, none, 401",
            "POST, /merchant/drops/test-drop/insiders, b, 404",
            "GET, /merchant/drops/test-drop/insiders, a, 405",
            "POST, /merchant/drops/test-drop/insiders, a, 422",
            "POST, /merchant/drops/test-drop/preorders/confirm, none, 401",
            "POST, /merchant/drops/test-drop/preorders/cancel, wrong, 401",
            "POST, /merchant/drops/test-drop/preorders/confirm, b, 404",
            "POST, /merchant/drops/test-drop/preorders/cancel, b, 404",
            "GET, /merchant/drops/test-drop/preorders/confirm, a, 405",
            "POST, /merchant/drops/test-drop/preorders/cancel, a, 409",
            "POST, /merchant/drops/test-drop/pause, none, 401",
            "POST, /merchant/drops/test-drop/pause, wrong, 401",
            "POST, /merchant/drops/test-drop/resume, none, 401",
            "POST, /merchant/drops/test-drop/pause, b, 404",
            "POST, /merchant/drops/test-drop/resume, b, 404",
            "POST, /merchant/drops/no-such-drop/pause, a, 404",
            "GET, /merchant/drops/test-drop/pause, a, 405",
            "DELETE, /merchant/drops/test-drop/resume, a, 405",
            "POST, /merchant/drops/test-drop/flash-restock, none, 401",
            "POST, /merchant/drops/test-drop/flash-restock, b, 404",
            "GET, /merchant/drops/test-drop/flash-restock, a, 405",
            "POST, /merchant/drops/test-drop/flash-restock, a, 400",
            "GET, /merchant/drops, none, 401",
            "GET, /merchant/drops, wrong, 401",
            "DELETE, /merchant/drops, a, 405",
            "GET, /merchant/drops/test-drop/sales, none, 401",
            "GET, /merchant/drops/test-drop/sales, b, 404",
            "GET, /merchant/drops/no-such-drop/sales, a, 404",
            "POST, /merchant/drops/test-drop/sales, a, 405",
            "GET, /merchant/drops/test-drop/ledger, none, 401",
            "GET, /merchant/drops/test-drop/ledger, b, 404",
            "GET, /merchant/drops/other-drop/ledger, a, 404",
            "POST, /merchant/drops/test-drop/ledger, a, 405",
    })
    void refusals_areProblems_andChangeNothing(String method, String path, String who, int status) throws Exception {
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = call(method, path, who);

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(MAPPER.readTree(response.getBody()).get("type").asText()).startsWith("https://microdrop.dev/problems/");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void drops_listEachMerchantsOwnDrops_withTheirStateAndUnits() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/merchant/drops", "a");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode drops = MAPPER.readTree(response.getBody()).get("drops");
        assertThat(drops).hasSize(1);
        assertThat(drops.get(0).get("dropId").asText()).isEqualTo(TestDrops.DROP);
        assertThat(drops.get(0).get("state").asText()).isEqualTo("open");
        assertThat(drops.get(0).get("currency").asText()).isEqualTo("EUR");
        assertThat(drops.get(0).get("totalUnits").asInt()).isEqualTo(200);
        assertThat(drops.get(0).get("unitsReleased").asInt()).isEqualTo(80);
        assertThat(drops.get(0).get("unitsSold").asInt()).isEqualTo(2);
        assertThat(drops.get(0).get("opensAt").asText()).isEqualTo(now.minusSeconds(60).toString());
        JsonNode theirs = MAPPER.readTree(call("GET", "/merchant/drops", "b").getBody()).get("drops");
        assertThat(theirs).extracting(d -> d.get("dropId").asText()).containsExactly("other-drop");
    }

    @Test
    void sales_countUnitsMoneyHoldsAndPayments_inBucketsFromTheFirstSale_withTheWaves() throws Exception {
        APIGatewayV2HTTPResponse response = call("GET", "/merchant/drops/test-drop/sales", "a",
                Map.of("bucket", "PT1M"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode sales = MAPPER.readTree(response.getBody());
        assertThat(sales.get("bucket").asText()).isEqualTo("PT1M");
        assertThat(sales.get("currency").asText()).isEqualTo("EUR");
        JsonNode points = sales.get("points");
        assertThat(points.get(0).get("at").asText()).isEqualTo(now.minusSeconds(60).toString());
        int units = 0;
        long revenue = 0;
        int holds = 0;
        int paid = 0;
        for (JsonNode point : points) {
            units += point.get("unitsSold").asInt();
            revenue += point.get("revenueMinorUnits").asLong();
            holds += point.get("holds").asInt();
            paid += point.get("paid").asInt();
        }
        assertThat(List.of(units, revenue, holds, paid)).containsExactly(2, 5_000L, 2, 1);
        assertThat(sales.get("waves").get(0).get("wave").asInt()).isEqualTo(1);
        assertThat(sales.get("waves").get(0).get("unitsReleased").asInt()).isEqualTo(80);
        assertThat(call("GET", "/merchant/drops/test-drop/sales", "a").getStatusCode()).as("PT1H by default")
                .isEqualTo(200);
    }

    @Test
    void ledger_pagesNewestFirst_withEachSkusBalance_andACursorBoundToItsDrop() throws Exception {
        List<JsonNode> entries = new java.util.ArrayList<>();
        String cursor = null;
        String firstCursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/ledger", "a", query).getBody());
            assertThat(page.get("entries").size()).isBetween(1, 2);
            page.get("entries").forEach(entries::add);
            cursor = page.has("next") ? page.get("next").asText() : null;
            firstCursor = firstCursor == null ? cursor : firstCursor;
        } while (cursor != null);

        // Each SKU's release at publishing, two holds and one sale.
        assertThat(entries).extracting(e -> e.get("movement").asText()).containsExactlyInAnyOrder("release-wave",
                "release-wave", "hold", "hold", "sale");
        assertThat(entries).extracting(e -> Instant.parse(e.get("at").asText()))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode sale = entries.stream().filter(e -> e.get("movement").asText().equals("sale")).findFirst().orElseThrow();
        JsonNode hold = entries.stream().filter(e -> e.get("movement").asText().equals("hold")
                && e.get("orderId").asText().equals(paid.orderId())).findFirst().orElseThrow();
        assertThat(sale.get("orderId").asText()).isEqualTo(paid.orderId());
        assertThat(sale.get("change").asInt()).isZero();
        assertThat(sale.get("deltas").get("sold").asInt()).isEqualTo(2);
        assertThat(hold.get("change").asInt()).isEqualTo(-2);
        assertThat(sale.get("balance").asInt()).isEqualTo(hold.get("balance").asInt());
        assertThat(entries.stream().filter(e -> e.get("movement").asText().equals("release-wave")))
                .allSatisfy(e -> assertThat(e.has("orderId")).isFalse());

        // Merchant b cannot read on in a drop of theirs with a cursor of a's drop.
        APIGatewayV2HTTPResponse refused = call("GET", "/merchant/drops/other-drop/ledger", "b",
                Map.of("cursor", firstCursor));
        assertThat(refused.getStatusCode()).isEqualTo(422);
        assertThat(MAPPER.readTree(refused.getBody()).get("errors").get(0).get("pointer").asText()).isEqualTo("cursor");
    }

    @Test
    void whatTheViewsAnswer_isWhatTheOpenApiDocumentsSchemasSay() throws Exception {
        ResponseSchemas schemas = new ResponseSchemas();
        Map<String, String> views = new java.util.LinkedHashMap<>();
        views.put("/merchant/drops", "MerchantDropList");
        views.put("/merchant/drops/test-drop/kpis", "DropKpis");
        views.put("/merchant/drops/test-drop/orders", "MerchantOrderList");
        views.put("/merchant/drops/test-drop/reconcile", "Reconciliation");
        views.put("/merchant/drops/test-drop/sales", "SalesSeries");
        views.put("/merchant/drops/test-drop/ledger", "LedgerPage");
        List<String> failures = new java.util.ArrayList<>();
        views.forEach((path, schema) -> {
            APIGatewayV2HTTPResponse response = call("GET", path, "a", path.endsWith("/ledger") ? Map.of("limit", "3")
                    : null);
            assertThat(response.getStatusCode()).as(path).isEqualTo(200);
            try {
                failures.addAll(schemas.failures(schema, MAPPER.readTree(response.getBody())));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(failures).isEmpty();
        assertThat(schemas.failures("LedgerPage", MAPPER.readTree("{\"entries\": [], \"extra\": 1}")))
                .as("a member the document does not name").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource({
            "sales, bucket, PT1S",
            "sales, bucket, P2D",
            "sales, bucket, an hour",
            "ledger, limit, 0",
            "ledger, limit, 201",
            "ledger, limit, ten",
            "ledger, cursor, not-a-cursor",
    })
    void badQueries_areInvalidRequestProblems_andChangeNothing(String view, String parameter, String value)
            throws Exception {
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = call("GET", "/merchant/drops/test-drop/" + view, "a",
                Map.of(parameter, value));

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = MAPPER.readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/invalid-request");
        assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo(parameter);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void kpis_countUnitsOrdersAndMoney() throws Exception {
        JsonNode kpis = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/kpis", "a").getBody());

        assertThat(kpis.get("totalUnits").asInt()).isEqualTo(200);
        assertThat(kpis.get("released").asInt()).isEqualTo(80);
        assertThat(kpis.get("sold").asInt()).isEqualTo(2);
        assertThat(kpis.get("held").asInt()).isEqualTo(1);
        assertThat(kpis.get("revenueMinorUnits").asLong()).isEqualTo(5_000);
        assertThat(kpis.get("feesMinorUnits").asLong()).isEqualTo(75 + 25);
        assertThat(kpis.get("sellThrough7d").asDouble()).isEqualTo(0.01);
        assertThat(kpis.get("ordersByStatus").get("paid").asInt()).isEqualTo(1);
        assertThat(kpis.get("waves").get(0).get("unitsReleased").asInt()).isEqualTo(80);
        assertThat(kpis.get("waves").get(0).get("unitsSold").asInt()).isEqualTo(2);
    }

    @Test
    void kpis_countEveryWavesUnits_ofASkuInStockShards_fromEachShardsLedger() throws Exception {
        Drop base = TestDrops.drop("sharded-drop", now.minusSeconds(60), now.plus(Duration.ofDays(1)), 5, 10, "S");
        Sku sku = base.skus().getFirst();
        Drop sharded = new Drop(base.dropId(), base.name(), base.currency(), base.opensAt(), base.closesAt(), 5,
                base.holdDuration(), true, base.hubs(), List.of(new Sku(sku.sku(), sku.productId(), sku.productName(),
                sku.variantName(), sku.price(), 10, Map.of(), List.of(), 4)), WavePlan.standard(base.opensAt()));
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(sharded, now);
        new DynamoDbMerchantViews(LocalDynamoDb.client(), table).claim("sharded-drop", "merchant-a");
        assertThat(call("POST", "/merchant/drops/sharded-drop/waves/2/release", "a").getStatusCode()).isEqualTo(200);

        JsonNode kpis = MAPPER.readTree(call("GET", "/merchant/drops/sharded-drop/kpis", "a").getBody());

        assertThat(kpis.get("released").asInt()).isEqualTo(8);
        assertThat(kpis.get("waves").get(0).get("unitsReleased").asInt()).isEqualTo(4);
        assertThat(kpis.get("waves").get(1).get("unitsReleased").asInt()).isEqualTo(4);
        assertThat(kpis.get("waves").get(2).get("unitsReleased").asInt()).isZero();
    }

    @Test
    void orders_canBeSearchedByStatusAndBuyerEmail_andExportedAsCsv() throws Exception {
        JsonNode paidOnly = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/orders", "a", Map.of("status", "paid")).getBody());
        JsonNode bobs = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/orders", "a",
                Map.of("buyerEmail", "Bob@Example.com")).getBody());
        APIGatewayV2HTTPResponse csv = call("GET", "/merchant/drops/test-drop/orders.csv", "a");

        assertThat(paidOnly.get("orders").findValuesAsText("orderId")).containsExactly(paid.orderId());
        assertThat(paidOnly.get("orders").findValuesAsText("status")).as("spelt as the public API and the CSV do")
                .containsExactly("paid");
        assertThat(csv.getBody()).contains("," + "paid" + ",");
        assertThat(bobs.get("orders")).hasSize(1);
        assertThat(csv.getHeaders().get("content-type")).startsWith("text/csv");
        assertThat(csv.getBody()).startsWith(OrdersCsv.HEADER).contains(paid.orderId()).doesNotContain("@example.com");
        assertThat(csv.getBody().lines()).hasSize(3);
    }

    @Test
    void releaseNow_releasesTheWaveOnce_andTheBooksBalance() throws Exception {
        JsonNode first = MAPPER.readTree(call("POST", "/merchant/drops/test-drop/waves/2/release", "a").getBody());
        JsonNode again = MAPPER.readTree(call("POST", "/merchant/drops/test-drop/waves/2/release", "a").getBody());
        APIGatewayV2HTTPResponse reconcile = call("GET", "/merchant/drops/test-drop/reconcile", "a");

        assertThat(first.get("result").asText()).isEqualTo("released");
        assertThat(again.get("result").asText()).isEqualTo("already-released");
        assertThat(reconcile.getStatusCode()).as(reconcile.getBody()).isEqualTo(200);
        assertThat(MAPPER.readTree(reconcile.getBody()).get("clean").asBoolean()).isTrue();
    }

    @Test
    void publish_validatesTheManifest_claimsTheDrop_andRepublishesSafely() throws Exception {
        String manifest = java.nio.file.Files.readString(dev.microdrop.function.testing.LambdaHarness.repositoryRoot()
                .resolve("drops/neon-runners.yaml"));

        APIGatewayV2HTTPResponse created = post("/merchant/drops", "a", manifest);
        APIGatewayV2HTTPResponse again = post("/merchant/drops", "a", manifest);
        var before = LocalDynamoDb.scan(table);
        APIGatewayV2HTTPResponse invalid = post("/merchant/drops", "a", manifest.replaceFirst("currency: EUR", "currency: EURO"));
        APIGatewayV2HTTPResponse taken = post("/merchant/drops", "b", manifest);

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        assertThat(MAPPER.readTree(created.getBody()).get("wavesScheduled").asBoolean()).isFalse();
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(invalid.getStatusCode()).isEqualTo(422);
        JsonNode error = MAPPER.readTree(invalid.getBody()).get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("/currency");
        assertThat(error.get("line").asInt()).isEqualTo(8);
        assertThat(taken.getStatusCode()).isEqualTo(409);
        assertThat(MAPPER.readTree(taken.getBody()).get("type").asText()).endsWith("/drop-id-taken");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void stockAdjustments_areLedgered_andNeverTakeHeldUnits() throws Exception {
        APIGatewayV2HTTPResponse added = post("/merchant/drops/test-drop/stock", "a",
                "{\"sku\":\"B\",\"delta\":5,\"reason\":\"found in the back room\"}");
        var before = LocalDynamoDb.scan(table);
        APIGatewayV2HTTPResponse tooMany = post("/merchant/drops/test-drop/stock", "a",
                "{\"sku\":\"B\",\"delta\":-1000,\"reason\":\"typo\"}");
        APIGatewayV2HTTPResponse noReason = post("/merchant/drops/test-drop/stock", "a", "{\"sku\":\"B\",\"delta\":-1}");
        APIGatewayV2HTTPResponse hubOfUnsplitSku = post("/merchant/drops/test-drop/stock", "a",
                "{\"sku\":\"B\",\"hubId\":\"hub-one\",\"delta\":1,\"reason\":\"wrong hub\"}");

        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(200);
        assertThat(tooMany.getStatusCode()).isEqualTo(409);
        assertThat(noReason.getStatusCode()).isEqualTo(422);
        assertThat(hubOfUnsplitSku.getStatusCode()).isEqualTo(422);
        assertThat(MAPPER.readTree(hubOfUnsplitSku.getBody()).at("/errors/0/pointer").asText()).isEqualTo("/hubId");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        JsonNode reconcile = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/reconcile", "a").getBody());
        assertThat(reconcile.get("clean").asBoolean()).as(reconcile.toString()).isTrue();
    }

    @Test
    void close_endsSalesNow_andLaterWavesReleaseNothing() throws Exception {
        APIGatewayV2HTTPResponse closed = post("/merchant/drops/test-drop/close", "a", "");
        JsonNode release = MAPPER.readTree(call("POST", "/merchant/drops/test-drop/waves/2/release", "a").getBody());
        APIGatewayV2HTTPResponse otherMerchant = post("/merchant/drops/test-drop/close", "b", "");

        assertThat(closed.getStatusCode()).as(closed.getBody()).isEqualTo(200);
        assertThat(release.get("result").asText()).isEqualTo("not-released");
        assertThat(otherMerchant.getStatusCode()).isEqualTo(404);
        var sku = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(dev.microdrop.infrastructure.dynamodb.TableKeys.sku(TestDrops.DROP, "A")).consistentRead(true)).item();
        assertThat(Long.parseLong(sku.get("closesAt").n())).isLessThanOrEqualTo(Instant.now().toEpochMilli());
        assertThat(sku.get("held").n()).isEqualTo("0");
        assertThat(sku.get("sold").n()).isEqualTo("2");
    }

    @Test
    void pauseAndResume_areIdempotent_showInTheCatalog_andStopHoldsInTheWrite() throws Exception {
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        DynamoDbDropReader reader = new DynamoDbDropReader(LocalDynamoDb.client(), table, clock);
        var seeded = outboxIds();

        JsonNode paused = MAPPER.readTree(post("/merchant/drops/test-drop/pause", "a", "").getBody());
        var afterPause = LocalDynamoDb.scan(table);
        JsonNode again = MAPPER.readTree(post("/merchant/drops/test-drop/pause", "a", "").getBody());
        var refused = inventory.hold(new HoldRequest(order("cy", "A", 1), "key-paused-1", "fp", 5, Instant.now()));

        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(paused.get("changed").asBoolean()).isTrue();
        assertThat(again.get("changed").asBoolean()).as("a second pause changes nothing").isFalse();
        assertThat(refused).isInstanceOf(dev.microdrop.core.stock.HoldResult.Paused.class);
        assertThat(LocalDynamoDb.scan(table)).as("neither the second pause nor the refused hold wrote").isEqualTo(afterPause);
        assertThat(reader.read(TestDrops.DROP).orElseThrow().paused()).isTrue();
        assertThat(outboxTypesSince(seeded)).containsExactly("DropPaused");

        JsonNode resumed = MAPPER.readTree(post("/merchant/drops/test-drop/resume", "a", "").getBody());
        JsonNode resumedAgain = MAPPER.readTree(post("/merchant/drops/test-drop/resume", "a", "").getBody());
        var held = inventory.hold(new HoldRequest(order("cy", "A", 1), "key-resumed-1", "fp", 5, Instant.now()));

        assertThat(resumed.get("paused").asBoolean()).isFalse();
        assertThat(resumed.get("changed").asBoolean()).isTrue();
        assertThat(resumedAgain.get("changed").asBoolean()).isFalse();
        assertThat(held).isInstanceOf(dev.microdrop.core.stock.HoldResult.Held.class);
        assertThat(reader.read(TestDrops.DROP).orElseThrow().paused()).isFalse();
        assertThat(outboxTypesSince(seeded)).containsExactlyInAnyOrder("DropPaused", "DropResumed", "OrderHeld");
        JsonNode reconcile = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/reconcile", "a").getBody());
        assertThat(reconcile.get("clean").asBoolean()).as(reconcile.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON | {\"sku\": | 400",
            "not an object | [1,2] | 422",
            "nothing | {} | 422",
            "unknown SKU | {\"sku\":\"Z\",\"units\":3,\"minutes\":15} | 422",
            "no units | {\"sku\":\"B\",\"units\":0,\"minutes\":15} | 422",
            "fractional units | {\"sku\":\"B\",\"units\":1.5,\"minutes\":15} | 422",
            "units as text | {\"sku\":\"B\",\"units\":\"3\",\"minutes\":15} | 422",
            "a window over a day | {\"sku\":\"B\",\"units\":3,\"minutes\":1441} | 422",
            "no window | {\"sku\":\"B\",\"units\":3} | 422",
            "emails not a list | {\"sku\":\"B\",\"units\":3,\"minutes\":15,\"emails\":\"vip@example.com\"} | 422",
            "a non-address | {\"sku\":\"B\",\"units\":3,\"minutes\":15,\"emails\":[\"vip\"]} | 422",
            "an unknown member | {\"sku\":\"B\",\"units\":3,\"minutes\":15,\"public\":true} | 422",
    })
    void flashRestock_badInput_isAProblem_andChangesNothing(String name, String body, int status) throws Exception {
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = post("/merchant/drops/test-drop/flash-restock", "a", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    /** A wave is named by a plain decimal number of one of the drop's waves; anything else names no wave. */
    @ParameterizedTest(name = "wave {0}")
    @ValueSource(strings = {"abc", "-1", "2147483648", "1e1", "0x2", "%00", "..%2f2", "0", "99", "02", "2.0", "%32",
            " 2", ""})
    void releasingAWaveThatIsNotOneOfTheDrops_isWaveNotFound_namingTheWaves_andChangesNothing(String wave)
            throws Exception {
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = post("/merchant/drops/test-drop/waves/" + wave + "/release", "a", null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(404);
        JsonNode problem = MAPPER.readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/wave-not-found");
        assertThat(problem.get("detail").asText()).contains("has no wave").contains("[1, 2, 3]");
        assertThat(problem.get("waves").toString()).isEqualTo("[1,2,3]");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(post("/merchant/drops/test-drop/waves/2/release", "a", null).getStatusCode()).isEqualTo(200);
    }

    /**
     * Every merchant route reads JSON as the checkout does: one document, well-formed UTF-8, no member twice, no
     * member it does not know. Each refusal is a problem and writes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown member | {\"emails\":[\"vip@example.com\"],\"x\":1} | 422",
            "trailing garbage | {\"emails\":[\"vip@example.com\"]} x | 400",
            "two documents | {\"emails\":[\"vip@example.com\"]}{} | 400",
            "duplicate member | {\"emails\":[\"vip@example.com\"],\"emails\":[\"b@example.com\"]} | 400",
            "lone surrogate | {\"emails\":[\"vip\\ud800@example.com\"]} | 400",
            "not an address | {\"emails\":[\"vip@localhost\"]} | 422",
            "not an object | [\"vip@example.com\"] | 422",
    })
    void theInsidersRoute_readsJsonByTheOnePolicy_andWritesNothingWhenItRefuses(String what, String body, int status)
            throws Exception {
        assertThat(post("/merchant/drops/test-drop/flash-restock", "a",
                "{\"sku\":\"B\",\"units\":1,\"minutes\":15}").getStatusCode()).isEqualTo(200);
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = post("/merchant/drops/test-drop/insiders", "a", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void bytesThatAreNotUtf8_orAByteOrderMark_areMalformed_onEveryJsonRoute() throws Exception {
        byte[] bad = "{\"sku\":\"B\",\"units\":1,\"minutes\":15,\"emails\":[\"a\u0000@example.com\"]}"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == 0) {
                bad[i] = (byte) 0xff; // the NUL becomes a byte that is never UTF-8
            }
        }
        byte[] bom = ("\uFEFF{\"sku\":\"B\",\"units\":1,\"minutes\":15}").getBytes(StandardCharsets.UTF_8);
        var before = LocalDynamoDb.scan(table);

        for (byte[] body : List.of(bad, bom)) {
            for (String route : List.of("flash-restock", "stock", "insiders")) {
                APIGatewayV2HTTPResponse response = postBase64("/merchant/drops/test-drop/" + route, body);
                assertThat(response.getStatusCode()).as(route + ": " + response.getBody()).isIn(400, 422);
                if (!route.equals("insiders")) { // insiders first says this drop has no early access (422)
                    assertThat(MAPPER.readTree(response.getBody()).get("type").asText()).endsWith("/malformed-json");
                }
            }
        }
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    /** After the public opening, with no flash window running, a token would be dead on arrival: none is issued. */
    @Test
    void insidersTokens_areNotIssuedOnceEarlyAccessIsOver_norCountedAsNotified() throws Exception {
        Drop open = new DynamoDbDropReader(LocalDynamoDb.client(), table, clock).read(TestDrops.DROP).orElseThrow().drop();
        Drop withEarlyAccess = new Drop(open.dropId(), open.name(), open.currency(), open.opensAt(), open.closesAt(),
                open.perBuyerLimit(), open.holdDuration(), open.shipping(), open.hubs(), open.skus(), open.wavePlan(),
                open.restockOnRefund(), new dev.microdrop.core.drop.Insiders(open.opensAt().minusSeconds(3_600), 1_000,
                1), open.shipFrom());
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(withEarlyAccess, now);
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = post("/merchant/drops/test-drop/insiders", "a",
                "{\"emails\":[\"late@example.com\"]}");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(409);
        JsonNode problem = MAPPER.readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/early-access-over");
        assertThat(problem.get("endedAt").asText()).isEqualTo(open.opensAt().toString());
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        JsonNode kpis = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/kpis", "a").getBody());
        assertThat(kpis.toString()).doesNotContain("\"insidersNotified\":1");
    }

    @Test
    void flashRestock_releasesLedgeredUnits_answersInsidersTokens_andRunsOneWindowAtATime() throws Exception {
        APIGatewayV2HTTPResponse restocked = post("/merchant/drops/test-drop/flash-restock", "a",
                "{\"sku\":\"B\",\"units\":3,\"minutes\":15,\"emails\":[\"vip@example.com\"]}");
        JsonNode body = MAPPER.readTree(restocked.getBody());
        var afterRestock = LocalDynamoDb.scan(table);
        APIGatewayV2HTTPResponse again = post("/merchant/drops/test-drop/flash-restock", "a",
                "{\"sku\":\"B\",\"units\":9,\"minutes\":5}");
        var afterRefusal = LocalDynamoDb.scan(table);
        JsonNode insiders = MAPPER.readTree(post("/merchant/drops/test-drop/insiders", "a",
                "{\"emails\":[\"late@example.com\"]}").getBody());

        assertThat(restocked.getStatusCode()).as(restocked.getBody()).isEqualTo(200);
        Instant until = Instant.parse(body.get("flashUntil").asText());
        assertThat(until).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        String token = body.at("/tokens/0/token").asText();
        AccessTokens tokens = new AccessTokens("test-key-test-key".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.refusal(token, TestDrops.DROP, BUYERS.of("vip@example.com"), Instant.now())).isNull();
        assertThat(tokens.refusal(token, TestDrops.DROP, BUYERS.of("vip@example.com"), until)).isNotNull();
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(MAPPER.readTree(again.getBody()).get("type").asText()).endsWith("/flash-restock-refused");
        assertThat(afterRefusal).as("the refused restock wrote nothing").isEqualTo(afterRestock);
        assertThat(insiders.at("/tokens/0/expiresAt").asText()).as("insiders' tokens last the window")
                .isEqualTo(until.toString());
        var sku = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(dev.microdrop.infrastructure.dynamodb.TableKeys.sku(TestDrops.DROP, "B")).consistentRead(true)).item();
        assertThat(sku.get("released").n()).as("wave 1 released 40 of B").isEqualTo("43");
        assertThat(sku.get("insiderReserved").n()).isEqualTo("3");
        JsonNode reconcile = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/reconcile", "a").getBody());
        assertThat(reconcile.get("clean").asBoolean()).as(reconcile.toString()).isTrue();
    }

    @Test
    void kpis_countWaitlistDemandOverBuyersNotified_andClaimsThatWerePaid() throws Exception {
        // Four buyers wait for A (w1 for B too); three are offered a claim (w1, w2, w3) and w1 pays for it.
        DynamoDbWaitlist waitlist = new DynamoDbWaitlist(LocalDynamoDb.client(), table);
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        RecordingPayments payments = new RecordingPayments();
        Order claimOfW1 = null;
        for (String buyer : List.of("w1", "w2", "w3", "w4")) {
            WaitlistEntry entry = new WaitlistEntry(TestDrops.DROP, "A", BUYERS.of(buyer + "@example.com"),
                    buyer + "@example.com", 1, new Fulfilment.Pickup(TestDrops.HUB), now.plusMillis(buyer.hashCode()));
            waitlist.join(entry);
            if (!buyer.equals("w4")) {
                Order claim = order(buyer, "A", 1);
                inventory.hold(new HoldRequest(claim, "claim-" + buyer, "waitlist", 5, now));
                inventory.attachPayment(claim, payments.createIntent(claim));
                waitlist.offered(entry, claim, new DomainEvent.WaitlistClaimOffered("evt_" + claim.orderId()
                        + "_WaitlistClaimOffered", now, TestDrops.DROP, "A", claim.orderId(), entry.buyerId().value(),
                        claim.holdExpiresAt()));
                claimOfW1 = buyer.equals("w1") ? claim : claimOfW1;
            }
        }
        waitlist.join(new WaitlistEntry(TestDrops.DROP, "B", BUYERS.of("w1@example.com"), "w1@example.com", 1,
                new Fulfilment.Pickup(TestDrops.HUB), now));
        DynamoDbDropReader drops = new DynamoDbDropReader(LocalDynamoDb.client(), table, clock);
        new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock), drops, payments, clock)
                .apply(new PaymentEvent("evt_claim_paid", PaymentEventType.SUCCEEDED, claimOfW1.orderId(),
                        "pi_" + claimOfW1.orderId(), 2_500, "EUR", now));
        // Insiders issued tokens by a flash restock: w2 (offered a claim too), vip and vip2.
        post("/merchant/drops/test-drop/flash-restock", "a", "{\"sku\":\"B\",\"units\":2,\"minutes\":15,"
                + "\"emails\":[\"w2@example.com\",\"vip@example.com\",\"vip2@example.com\",\"VIP@example.com\"]}");

        JsonNode kpis = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/kpis", "a").getBody());

        JsonNode demand = kpis.get("demand");
        assertThat(demand.get("preOrders").asInt()).isZero();
        assertThat(demand.get("waitlistEntries").asInt()).isEqualTo(5);
        assertThat(demand.get("waitlistBuyers").asInt()).isEqualTo(4);
        assertThat(demand.get("claimsOffered").asInt()).isEqualTo(3);
        assertThat(demand.get("claimsPaid").asInt()).isEqualTo(1);
        assertThat(demand.get("insidersNotified").asInt()).as("vip once, however it is spelled").isEqualTo(3);
        assertThat(demand.get("buyersNotified").asInt()).as("w1, w2, w3, vip, vip2").isEqualTo(5);
        assertThat(kpis.get("qualifiedDemandRate").asDouble()).as("4 waiting buyers / 5 notified").isEqualTo(0.8);
        assertThat(kpis.get("waitlistConversion").asDouble()).as("1 of 3 claims paid").isEqualTo(1.0 / 3);
        assertThat(LocalDynamoDb.scan(table).toString()).as("notices hold buyer ids, never e-mails")
                .doesNotContain("vip@example.com").doesNotContain("vip2@example.com");
    }

    /** The kinds of the drop's outbox events written since {@code seenBefore} were. */
    private List<String> outboxTypesSince(java.util.Set<String> seenBefore) {
        return LocalDynamoDb.scan(table).stream()
                .filter(i -> i.containsKey("type") && "OutboxEvent".equals(i.get("type").s()))
                .filter(i -> TestDrops.DROP.equals(i.get("dropId").s()))
                .filter(i -> !seenBefore.contains(i.get("eventId").s()))
                .map(i -> i.get("detailType").s())
                .toList();
    }

    @Test
    void handover_readyThenCollected_isIdempotent_neverShowsTheCode_andTheKpisCountIt() throws Exception {
        String order = "/merchant/drops/test-drop/orders/" + paid.orderId();
        APIGatewayV2HTTPResponse ready = post(order + "/ready", "a", null);
        assertThat(ready.getStatusCode()).isEqualTo(200);
        JsonNode readyBody = MAPPER.readTree(ready.getBody());
        assertThat(readyBody.get("changed").asBoolean()).isTrue();
        assertThat(readyBody.get("status").asText()).isEqualTo("paid");
        assertThat(readyBody.get("fulfilment").get("readyAt").asText()).isNotEmpty();
        String code = new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(paid.orderId()).orElseThrow()
                .handover().pickupCode();
        assertThat(ready.getBody()).doesNotContain(code);
        var afterReady = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse again = post(order + "/ready", "a", null);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(again.getBody()).get("changed").asBoolean()).isFalse();
        String wrong = (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
        APIGatewayV2HTTPResponse wrongCode = post(order + "/collected", "a", "{\"code\":\"" + wrong + "\"}");
        assertThat(wrongCode.getStatusCode()).isEqualTo(422);
        assertThat(MAPPER.readTree(wrongCode.getBody()).get("type").asText())
                .isEqualTo("https://microdrop.dev/problems/invalid-request");
        assertThat(LocalDynamoDb.scan(table)).as("a repeat and a wrong code write nothing").isEqualTo(afterReady);

        assertThat(post(order + "/collected", "a", "{\"code\":\"" + code + "\"}").getStatusCode()).isEqualTo(200);
        var afterCollected = LocalDynamoDb.scan(table);
        APIGatewayV2HTTPResponse collectedAgain = post(order + "/collected", "a", "{\"code\":\"" + code + "\"}");
        assertThat(collectedAgain.getStatusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(collectedAgain.getBody()).get("changed").asBoolean()).isFalse();
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(afterCollected);
        assertThat(outboxIds()).contains(paid.eventId("PickupReady"), paid.eventId("PickupCollected"));

        JsonNode fulfilment = MAPPER.readTree(call("GET", "/merchant/drops/test-drop/kpis", "a").getBody())
                .get("fulfilment");
        assertThat(fulfilment.get("pickupOrders").asInt()).isEqualTo(1);
        assertThat(fulfilment.get("ready").asInt()).isEqualTo(1);
        assertThat(fulfilment.get("collected").asInt()).isEqualTo(1);
        assertThat(fulfilment.get("paidToReady").get("samples").asInt()).isEqualTo(1);
    }

    @Test
    void shipped_recordsTheTrackingNumberOnce_andRefusesAnother() throws Exception {
        Order shipment = new Order(new OrderIds().next(now), TestDrops.DROP, BUYERS.of("cy@example.com"),
                "cy@example.com", List.of(new OrderLine("A", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                new Fulfilment.Ship(new dev.microdrop.core.order.Address("Cy", "Main St 1", null, "Berlin", "10115",
                        "DE")), OrderStatus.HELD, now, now.plusSeconds(600));
        RecordingPayments payments = new RecordingPayments();
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        inventory.hold(new HoldRequest(shipment, "key-" + shipment.orderId(), "fp", 5, now));
        inventory.attachPayment(shipment, payments.createIntent(shipment));
        new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock)
                .apply(new PaymentEvent("evt_paid_cy", PaymentEventType.SUCCEEDED, shipment.orderId(),
                        "pi_" + shipment.orderId(), 2_500, "EUR", now));
        String path = "/merchant/drops/test-drop/orders/" + shipment.orderId() + "/shipped";

        APIGatewayV2HTTPResponse shipped = post(path, "a", "{\"carrier\":\"DHL\",\"trackingNumber\":\"JJD0001\"}");
        assertThat(shipped.getStatusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(shipped.getBody()).get("fulfilment").get("trackingNumber").asText())
                .isEqualTo("JJD0001");
        var after = LocalDynamoDb.scan(table);
        assertThat(MAPPER.readTree(post(path, "a", "{\"carrier\":\"DHL\",\"trackingNumber\":\"JJD0001\"}")
                .getBody()).get("changed").asBoolean()).isFalse();
        APIGatewayV2HTTPResponse other = post(path, "a", "{\"carrier\":\"DHL\",\"trackingNumber\":\"JJD0002\"}");
        assertThat(other.getStatusCode()).isEqualTo(409);
        assertThat(MAPPER.readTree(other.getBody()).get("type").asText())
                .isEqualTo("https://microdrop.dev/problems/fulfilment-refused");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(after);
        assertThat(MAPPER.readTree(call("GET", "/merchant/drops/test-drop/kpis", "a").getBody())
                .get("fulfilment").get("shipped").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1} as {2} with {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "held | ready | a | | 409",
            "paid | collected | a | {\"code\":\"ABC123\"} | 409",
            "paid | shipped | a | {\"carrier\":\"DHL\",\"trackingNumber\":\"JJD1\"} | 409",
            "paid | shipped | a | {\"carrier\":\"\",\"trackingNumber\":\"no spaces allowed\"} | 422",
            "paid | collected | a | {\"code\":7} | 422",
            "paid | collected | a | {\"code\":\"ABC123\",\"extra\":1} | 422",
            "paid | collected | a | {not json | 400",
            "ord_01M8HN0VJM7Q2XW4K9DZB3N6PR | ready | a | | 404",
            "paid | ready | b | | 404",
            "paid | ready | none | | 401",
    })
    void handoverRefusals_areProblems_andChangeNothing(String which, String step, String who, String body, int status)
            throws Exception {
        String orderId = switch (which) {
            case "paid" -> paid.orderId();
            case "held" -> held.orderId();
            default -> which;
        };
        String path = "/merchant/drops/test-drop/orders/" + orderId + "/" + step;
        var before = LocalDynamoDb.scan(table);

        APIGatewayV2HTTPResponse response = who.equals("none") ? call("POST", path, "none") : post(path, who, body);

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    private java.util.Set<String> outboxIds() {
        return LocalDynamoDb.scan(table).stream().filter(i -> i.containsKey("type") && "OutboxEvent".equals(i.get("type").s()))
                .map(i -> i.get("eventId").s()).collect(java.util.stream.Collectors.toSet());
    }

    private APIGatewayV2HTTPResponse post(String path, String who, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer " + (who.equals("a") ? KEY_A : KEY_B)));
        return handler.apply(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path).withHeaders(headers)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
                        .build())
                .build());
    }

    private APIGatewayV2HTTPResponse postBase64(String path, byte[] body) {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer " + KEY_A,
                "content-type", "application/json"));
        return handler.apply(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path).withHeaders(headers)
                .withBody(java.util.Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
                        .build())
                .build());
    }

    private Order order(String buyer, String sku, int quantity) {
        return new Order(new OrderIds().next(now), TestDrops.DROP, BUYERS.of(buyer + "@example.com"), buyer + "@example.com",
                List.of(new OrderLine(sku, quantity, Money.of(2_500, "EUR"))), Money.of(2_500L * quantity, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plusSeconds(600));
    }

    /**
     * The drop's signed-in merchant (merchant-a) through the handler: a refused token is the unauthorized problem with
     * RFC 6750's invalid_token and writes nothing; a valid one reaches the same routes as the merchant's key.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"expired", "another client", "another issuer", "another key", "alg none", "tampered"})
    void aRefusedSignInToken_isUnauthorizedWithInvalidToken_andChangesNothing(String what) throws Exception {
        CognitoPool pool = new CognitoPool();
        MerchantHandler signedIn = handler(pool.auth("", "merchant-a"));
        String valid = pool.idToken(c -> c);
        String token = switch (what) {
            case "expired" -> pool.idToken(c -> c.expirationTime(java.util.Date.from(CognitoPool.NOW.minusSeconds(3600))));
            case "another client" -> pool.idToken(c -> c.audience("another-client"));
            case "another issuer" -> pool.accessToken(c -> c.issuer("https://cognito-idp.eu-central-1.amazonaws.com/x"));
            case "another key" -> CognitoPool.signed(CognitoPool.generate(pool.key.getKeyID()),
                    CognitoPool.claims().audience(CognitoPool.CLIENT_ID).claim("token_use", "id").build());
            case "alg none" -> new com.nimbusds.jwt.PlainJWT(CognitoPool.claims().audience(CognitoPool.CLIENT_ID)
                    .claim("token_use", "id").build()).serialize();
            case "tampered" -> valid.substring(0, valid.length() - 4) + "AAAA";
            default -> throw new IllegalArgumentException(what);
        };
        var before = LocalDynamoDb.scan(table);

        for (String path : List.of("/merchant/drops/test-drop/pause", "/merchant/drops/test-drop/waves/2/release")) {
            APIGatewayV2HTTPResponse response = signedIn.apply(request("POST", path, "Bearer " + token));

            assertThat(response.getStatusCode()).as(path).isEqualTo(401);
            assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json")
                    .containsEntry("www-authenticate", "Bearer error=\"invalid_token\"");
            assertThat(MAPPER.readTree(response.getBody()).get("type").asText())
                    .isEqualTo("https://microdrop.dev/problems/unauthorized");
        }
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);

        assertThat(signedIn.apply(request("POST", "/merchant/drops/test-drop/pause", "Bearer " + valid)).getStatusCode())
                .as("the valid token of the same pool").isEqualTo(200);
    }

    @Test
    void noCredential_isUnauthorized_askingForABearer() {
        APIGatewayV2HTTPResponse response = call("GET", "/merchant/drops/test-drop/kpis", "none");

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("www-authenticate", "Bearer");
    }

    private MerchantHandler handler(MerchantAuth auth) {
        DynamoDbDropReader drops = new DynamoDbDropReader(LocalDynamoDb.client(), table, clock);
        DynamoDbMerchantViews views = new DynamoDbMerchantViews(LocalDynamoDb.client(), table);
        return new MerchantHandler(auth, MerchantDoors.of(new MerchantDoors.Ports(views, drops,
                        new DynamoDbDropPublisher(LocalDynamoDb.client(), table),
                        new DynamoDbStockAdjustments(LocalDynamoDb.client(), table),
                        new DynamoDbDropPauses(LocalDynamoDb.client(), table),
                        new DynamoDbReconciler(LocalDynamoDb.client(), table, clock), WaveSchedules.NONE,
                        new WaveService(drops, new DynamoDbWaveReleases(LocalDynamoDb.client(), table), clock), null,
                        new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                        new DynamoDbHandovers(LocalDynamoDb.client(), table)),
                new KpiCalculator(0.015, 25), "test-key-test-key".getBytes(StandardCharsets.UTF_8), clock),
                drops, new Responses(MAPPER));
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String who) {
        return call(method, path, who, null);
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String who, Map<String, String> query) {
        Map<String, String> headers = new HashMap<>();
        switch (who) {
            case "a" -> headers.put("authorization", "Bearer " + KEY_A);
            case "b" -> headers.put("authorization", "Bearer " + KEY_B);
            case "wrong" -> headers.put("authorization", "Bearer not-a-merchant-key-000");
            default -> {
            }
        }
        return handler.apply(request(method, path, headers, query));
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String authorization) {
        return request(method, path, Map.of("authorization", authorization), null);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> headers,
                                                 Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path).withHeaders(headers)
                .withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }
}
