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
        return "{\"dropId\":\"" + TestDrops.DROP + "\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}],\"buyer\":{\"email\":\""
                + email + "\"},\"fulfilment\":{\"type\":\"ship\",\"address\":{\"name\":\"Ada Lovelace\","
                + "\"line1\":\"Invalidenstrasse 1\",\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}}";
    }
}
