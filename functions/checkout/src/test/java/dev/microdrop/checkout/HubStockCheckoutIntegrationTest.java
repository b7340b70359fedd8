package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Per-hub stock through the checkout function on DynamoDB Local: a pickup sells its hub's units only, a shipment
 * draws from one of the ship-from hubs and moves to another when its hub turns out short, and no hub ever sells
 * more than it has, whatever the mix of buyers at once.
 */
class HubStockCheckoutIntegrationTest {

    private static final String BERLIN = "berlin";
    private static final String HAMBURG = "hamburg";
    private static final String MUNICH = "munich";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aStormOfPickupsAndShipments_sellsEachHubsUnitsExactly_theLastUnitIncluded() throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(drop(7, 3, 0), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ofSeconds(2));
        Map<String, AtomicInteger> heldAt = new ConcurrentHashMap<>();

        Map<Integer, AtomicInteger> statuses = CheckoutConcurrencyIntegrationTest.storm(180, i -> {
            String email = "buyer" + i + "@example.com";
            APIGatewayV2HTTPResponse response = fixture.post("hub-key-" + i, switch (i % 3) {
                case 0 -> pickup(email, BERLIN);
                case 1 -> pickup(email, HAMBURG);
                default -> ship(email);
            });
            if (response.getStatusCode() == 201) {
                JsonNode line = CheckoutFixture.json(response).get("lines").get(0);
                heldAt.computeIfAbsent(line.get("hubId").asText(), k -> new AtomicInteger()).incrementAndGet();
            }
            return response;
        });

        assertThat(statuses.get(201).get()).isEqualTo(10);
        assertThat(heldAt.get(BERLIN).get()).isEqualTo(7);
        assertThat(heldAt.get(HAMBURG).get()).isEqualTo(3);
        StockLevel stock = stock(fixture);
        assertThat(stock).isEqualTo(new StockLevel("A", 10, 0, 10, 0, Map.of(
                BERLIN, new StockLevel("A", 7, 0, 7, 0), HAMBURG, new StockLevel("A", 3, 0, 3, 0),
                MUNICH, new StockLevel("A", 0, 0, 0, 0))));
        assertThat(stock.balanced()).isTrue();
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).reconcile()
                .drifts()).isEmpty();
    }

    @Test
    void aShipmentWhoseHubTurnsOutShort_shipsFromAnotherHub() {
        // A long cache window: the checkout keeps believing Berlin has the most units after a pickup emptied it.
        CheckoutFixture fixture = new CheckoutFixture(drop(2, 1, 0), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ofHours(1));
        assertThat(fixture.post("warm-key-1", pickup("warm@example.com", HAMBURG + "-none")).getStatusCode())
                .isEqualTo(422); // reads the drop into the cache, changes nothing
        assertThat(fixture.post("pickup-key-1", pickup("first@example.com", BERLIN, 2)).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse shipped = fixture.post("ship-key-1", ship("second@example.com"));

        assertThat(shipped.getStatusCode()).isEqualTo(201);
        assertThat(CheckoutFixture.json(shipped).get("lines").get(0).get("hubId").asText()).isEqualTo(HAMBURG);
        assertThat(stock(fixture).hubs().get(HAMBURG)).isEqualTo(new StockLevel("A", 1, 0, 1, 0));
        APIGatewayV2HTTPResponse none = fixture.post("ship-key-2", ship("third@example.com"));
        assertThat(none.getStatusCode()).isEqualTo(409);
        assertThat(CheckoutFixture.json(none).get("type").asText()).endsWith("/sold-out");
    }

    /**
     * A shipment leaves from one hub: with 1 unit at each ship-from hub, a shipment of 2 is refused, and the problem
     * says the most one shipment can take (1) beside what is left in all (2), as the catalog does; nothing is
     * written. Two shipments of 1 each get one unit.
     */
    @Test
    void theLastUnitsSpreadOverHubs_shipOneHubAtATime_andTheRefusalSaysTheMostOneShipmentCanTake() {
        CheckoutFixture fixture = new CheckoutFixture(drop(1, 1, 0), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ZERO);
        var before = LocalDynamoDb.scan(fixture.table);

        APIGatewayV2HTTPResponse two = fixture.post("two-key-1", ship("two@example.com", 2));

        assertThat(two.getStatusCode()).isEqualTo(409);
        JsonNode problem = CheckoutFixture.json(two);
        assertThat(problem.get("type").asText()).endsWith("/sold-out");
        assertThat(problem.get("remaining").get(0).get("available").asInt()).isEqualTo(1);
        assertThat(problem.get("remaining").get(0).get("availableInAll").asInt()).isEqualTo(2);
        assertThat(problem.get("detail").asText()).contains("A: 1 for this order (2 left in all");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);

        APIGatewayV2HTTPResponse first = fixture.post("one-key-1", ship("one@example.com", 1));
        APIGatewayV2HTTPResponse second = fixture.post("one-key-2", ship("another@example.com", 1));
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getStatusCode()).isEqualTo(201);
        assertThat(List.of(CheckoutFixture.json(first).get("lines").get(0).get("hubId").asText(),
                CheckoutFixture.json(second).get("lines").get(0).get("hubId").asText()))
                .containsExactlyInAnyOrder(BERLIN, HAMBURG);
    }

    /**
     * Shipments of 1 and 2 at once against units spread thinly over two hubs: no hub sells more than it has, a
     * shipment is never split, every refusal of a shipment says it could get fewer than it asked for, and once
     * the storm is over the last units still sell, one shipment of 1 at a time.
     */
    @Test
    void aStormOfShipmentsOfOneAndTwo_neverOversellsAHub_andEveryRefusalSaysWhatOneShipmentCouldTake()
            throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(drop(3, 2, 0), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ofSeconds(2));
        List<JsonNode> refusals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Map<String, AtomicInteger> unitsAt = new ConcurrentHashMap<>();

        CheckoutConcurrencyIntegrationTest.storm(120, i -> {
            int quantity = 1 + i % 2;
            APIGatewayV2HTTPResponse response = fixture.post("storm-key-" + i,
                    ship("storm" + i + "@example.com", quantity));
            if (response.getStatusCode() == 201) {
                JsonNode line = CheckoutFixture.json(response).get("lines").get(0);
                assertThat(line.get("quantity").asInt()).isEqualTo(quantity);
                unitsAt.computeIfAbsent(line.get("hubId").asText(), k -> new AtomicInteger()).addAndGet(quantity);
            } else if (response.getStatusCode() == 409) {
                JsonNode remaining = CheckoutFixture.json(response).get("remaining").get(0);
                refusals.add(remaining);
                assertThat(remaining.get("available").asInt()).as("%s for %d", remaining, quantity)
                        .isLessThan(quantity).isLessThanOrEqualTo(remaining.get("availableInAll").asInt());
            }
            return response;
        });

        assertThat(refusals).isNotEmpty();
        assertThat(unitsAt.getOrDefault(BERLIN, new AtomicInteger()).get()).isLessThanOrEqualTo(3);
        assertThat(unitsAt.getOrDefault(HAMBURG, new AtomicInteger()).get()).isLessThanOrEqualTo(2);
        for (int i = 0; stock(fixture).available() > 0 && i < 5; i++) {
            Thread.sleep(2_100); // past the cache window: the checkout sees the counters as they are
            assertThat(fixture.post("last-key-" + i, ship("last" + i + "@example.com", 1)).getStatusCode())
                    .isEqualTo(201);
        }
        StockLevel stock = stock(fixture);
        assertThat(stock.available()).isZero();
        assertThat(stock.held()).isEqualTo(5);
        assertThat(stock.balanced()).isTrue();
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).reconcile()
                .drifts()).isEmpty();
    }

    @Test
    void aPickupAtAHubWithoutTheSku_orAShipmentNoShipFromHubCanServe_isSoldOut_andChangesNothing() {
        CheckoutFixture fixture = new CheckoutFixture(drop(3, 2, 0), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ZERO);
        var before = LocalDynamoDb.scan(fixture.table);

        APIGatewayV2HTTPResponse munich = fixture.post("munich-key-1", pickup("m@example.com", MUNICH));

        assertThat(munich.getStatusCode()).isEqualTo(409);
        JsonNode problem = CheckoutFixture.json(munich);
        assertThat(problem.get("type").asText()).endsWith("/sold-out");
        assertThat(problem.get("remaining").get(0).get("available").asInt()).isZero();
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void theCatalogShowsEachHubsStock() {
        CheckoutFixture fixture = new CheckoutFixture(drop(3, 2, 0), LocalDynamoDb.client(), Clock.systemUTC(),
                Duration.ZERO);
        fixture.post("pickup-key-1", pickup("first@example.com", HAMBURG, 2));

        StockLevel stock = stock(fixture);
        assertThat(stock.available(BERLIN)).isEqualTo(3);
        assertThat(stock.available(HAMBURG)).isZero();
        assertThat(stock.available(MUNICH)).isZero();
        assertThat(stock.available()).isEqualTo(3);
    }

    /** One SKU "A" split across three hubs; shipping draws from Berlin and Hamburg only. */
    private Drop drop(int berlin, int hamburg, int munich) {
        Map<String, Integer> split = new LinkedHashMap<>();
        split.put(BERLIN, berlin);
        split.put(HAMBURG, hamburg);
        split.put(MUNICH, munich);
        Instant opensAt = now.minus(Duration.ofHours(1));
        return new Drop(TestDrops.DROP, "Split drop", Currency.getInstance("EUR"), opensAt,
                opensAt.plus(Duration.ofDays(2)), 2, Duration.ofMinutes(10), true,
                List.of(new PickupHub(BERLIN, "Berlin"), new PickupHub(HAMBURG, "Hamburg"),
                        new PickupHub(MUNICH, "Munich")),
                List.of(new Sku("A", "product-a", "Product A", "One size", Money.of(2_500, "EUR"),
                        berlin + hamburg + munich, split)),
                new WavePlan(List.of(new Wave(1, opensAt, WavePlan.WHOLE))), true, null, List.of(BERLIN, HAMBURG));
    }

    private static StockLevel stock(CheckoutFixture fixture) {
        return new DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).read(TestDrops.DROP)
                .orElseThrow().stockOf("A").orElseThrow();
    }

    private static String pickup(String email, String hub) {
        return pickup(email, hub, 1);
    }

    private static String pickup(String email, String hub, int quantity) {
        return "{\"dropId\":\"" + TestDrops.DROP + "\",\"lines\":[{\"sku\":\"A\",\"quantity\":" + quantity
                + "}],\"buyer\":{\"email\":\"" + email + "\"},\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"" + hub
                + "\"}}";
    }

    private static String ship(String email) {
        return ship(email, 1);
    }

    private static String ship(String email, int quantity) {
        return "{\"dropId\":\"" + TestDrops.DROP + "\",\"lines\":[{\"sku\":\"A\",\"quantity\":" + quantity
                + "}],\"buyer\":{\"email\":\""
                + email + "\"},\"fulfilment\":{\"type\":\"ship\",\"address\":{\"name\":\"Ada Lovelace\","
                + "\"line1\":\"Invalidenstrasse 1\",\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}}";
    }
}
