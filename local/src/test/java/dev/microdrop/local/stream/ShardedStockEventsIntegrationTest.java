package dev.microdrop.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.ShardMove;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.ShardSummaries;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.outbox.OutboxRelay;
import dev.microdrop.infrastructure.outbox.SqsHoldExpiryQueue;
import dev.microdrop.infrastructure.outbox.StreamChange;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import dev.microdrop.local.eventbridge.LocalEventBridge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * SoldOut and StockLow for a sharded SKU, whose counters live in its stock shards: the relay reads the table's
 * stream (DynamoDB Local's), records each shard's change in the SKU item's summary and publishes to the local bus
 * (routed by event-ruler to an ElasticMQ queue) only what the shards themselves confirm.
 */
class ShardedStockEventsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final OrderIds ids = new OrderIds();
    private LocalEventBridge bus;
    private EventBridgeClient eventBridge;
    private String eventsQueue;
    private String table;
    private OutboxRelay relay;

    @BeforeEach
    void start() throws Exception {
        bus = new LocalEventBridge(LocalElasticMq.client()).start(0);
        eventBridge = EventBridgeClient.builder().endpointOverride(bus.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
        eventsQueue = LocalElasticMq.client().createQueue(r -> r.queueName("stock-events-" + System.nanoTime()))
                .queueUrl();
        bus.rule(LocalEventBridge.DEFAULT_BUS, "stock", "{\"source\":[\"microdrop\"],\"detail-type\":[\"SoldOut\",\"StockLow\"]}",
                LocalElasticMq.arn(eventsQueue));
    }

    @AfterEach
    void stop() {
        eventBridge.close();
        bus.close();
    }

    @Test
    void selling_aShardedSkuOut_isOneStockLowAndOneSoldOut_andLeavesTheSummaryEqualToTheShards() throws Exception {
        seed(20, 4); // 5 units a shard; the low-stock line is 2
        try (LocalStreamPoller poller = poller(relay)) {
            for (int i = 0; i < 20; i++) {
                assertThat(hold(i % 4)).isInstanceOf(HoldResult.Held.class);
                poller.pollOnce();
            }
        }

        List<JsonNode> events = delivered();
        assertThat(events).extracting(e -> e.get("detail-type").asText()).containsExactly("StockLow", "SoldOut");
        assertThat(events.getFirst().at("/detail/available").asInt()).isEqualTo(2);
        assertThat(events.getFirst().at("/detail/threshold").asInt()).isEqualTo(2);
        assertThat(events).allSatisfy(e -> assertThat(e.at("/detail/sku").asText()).isEqualTo("H"));
        assertThat(summarised()).isEqualTo(exact());
        assertThat(exact().available()).isZero();
    }

    @Test
    void aZeroThatOnlyTheSummarySaw_inAMoveBetweenShardsHalfHeard_isNotSoldOut() throws Exception {
        seed(2, 2); // one unit in each shard; the low-stock line is 1
        List<StreamChange> move = new ArrayList<>();
        boolean[] capturing = {false};
        try (LocalStreamPoller poller = poller(batch -> {
            if (!capturing[0]) {
                return relay.relay(batch);
            }
            move.addAll(batch);
            return Optional.empty();
        })) {
            assertThat(hold(1)).isInstanceOf(HoldResult.Held.class);
            poller.pollOnce();
            List<JsonNode> stockLow = delivered(); // one unit left, in shard 0
            assertThat(stockLow).extracting(e -> e.get("detail-type").asText()).containsExactly("StockLow");
            assertThat(stockLow.getFirst().at("/detail/available").asInt()).isEqualTo(1);
            ShardMove.Result moved = new DynamoDbInventory(LocalDynamoDb.client(), table).moveBetweenShards(
                    new ShardMove(TestDrops.DROP, "H", 1, Map.of(0, 1), "move-1", "a test", Instant.now()));
            assertThat(moved).isInstanceOf(ShardMove.Moved.class);
            capturing[0] = true;
            poller.pollOnce();
            capturing[0] = false;

            // Shard 0 (1 -> 0) heard first, shard 1 (0 -> 1) not yet: the summary adds up to zero, the shards do not.
            assertThat(relay.relay(shard(move, 0))).isEmpty();
            assertThat(summarised().available()).isZero();
            assertThat(relay.relay(shard(move, 1))).isEmpty();
            assertThat(summarised()).isEqualTo(exact());
            assertThat(delivered()).as("events from the half-heard move").isEmpty();

            assertThat(hold(1)).isInstanceOf(HoldResult.Held.class);
            poller.pollOnce();
        }
        assertThat(delivered()).extracting(e -> e.get("detail-type").asText()).containsExactly("SoldOut");
    }

    @Test
    void aRedeliveredBatch_repeatsItsEventId_andAnOlderRecordHeardLate_neverTakesTheSummaryBack() throws Exception {
        seed(4, 2); // two units a shard; the low-stock line is 1
        List<List<StreamChange>> batches = new ArrayList<>();
        try (LocalStreamPoller capture = poller(batch -> {
            batches.add(List.copyOf(batch));
            return Optional.empty();
        })) {
            capture.pollOnce(); // 0: the publish
            for (int shard : new int[] {0, 0, 1, 1}) {
                assertThat(hold(shard)).isInstanceOf(HoldResult.Held.class);
                capture.pollOnce(); // 1 and 2: shard 0; 3 and 4: shard 1, the last selling out
            }
        }
        assertThat(batches).hasSize(5);

        assertThat(relay.relay(batches.get(0))).isEmpty();
        assertThat(relay.relay(batches.get(2))).isEmpty(); // shard 0's second hold before its first
        for (int batch : new int[] {1, 3, 4, 4, 1}) {
            assertThat(relay.relay(batches.get(batch))).isEmpty();
            assertThat(summarised().shards().getFirst().available()).isZero(); // batch 1, older, never wins
        }

        assertThat(summarised()).isEqualTo(exact());
        List<JsonNode> events = delivered();
        // Batch 3 crossed the low-stock line in the summary, but the shards were sold out by then: no StockLow.
        assertThat(events).extracting(e -> e.get("detail-type").asText()).containsExactly("SoldOut", "SoldOut");
        assertThat(events.get(0).at("/detail/eventId").asText()).isEqualTo(events.get(1).at("/detail/eventId").asText());
    }

    private void seed(int units, int shards) {
        Drop drop = new Drop(TestDrops.DROP, "Sharded drop", Currency.getInstance("EUR"), start,
                start.plus(Duration.ofDays(1)), 50, Duration.ofMinutes(10), true, List.of(new PickupHub("hub", "Hub")),
                List.of(new Sku("H", "product-h", "Product H", "One size", Money.of(2_500, "EUR"), units, Map.of(),
                        List.of(), shards)), new WavePlan(List.of(new Wave(1, start, WavePlan.WHOLE))));
        table = TestDrops.seeded(drop, start);
        relay = new OutboxRelay(new EventBridgePublisher(eventBridge, "default"),
                new SqsHoldExpiryQueue(LocalElasticMq.client(), LocalElasticMq.client()
                        .createQueue(r -> r.queueName("expiry-" + System.nanoTime())).queueUrl(), Clock.systemUTC()),
                new ShardSummaries(LocalDynamoDb.client(), table), Clock.systemUTC());
    }

    private HoldResult hold(int shard) {
        Instant now = Instant.now();
        String email = "b" + System.nanoTime() + "@example.com";
        Order order = new Order(ids.next(now), TestDrops.DROP, BUYERS.of(email), email,
                List.of(new OrderLine("H", 1, Money.of(2_500, "EUR"), null, shard)), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup("hub"), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
        return new DynamoDbInventory(LocalDynamoDb.client(), table).hold(new HoldRequest(order,
                "key-" + order.orderId(), "fp", 50, now));
    }

    private LocalStreamPoller poller(OutboxRelay relay) {
        return poller(relay::relay);
    }

    private LocalStreamPoller poller(java.util.function.Function<List<StreamChange>, Optional<String>> consumer) {
        return new LocalStreamPoller(LocalDynamoDb.client(), LocalDynamoDb.streams(), table, consumer,
                Duration.ofMillis(50));
    }

    private static List<StreamChange> shard(List<StreamChange> changes, int shard) {
        return changes.stream().filter(c -> c.newImage().containsKey("type")
                && c.newImage().get("type").s().equals("StockShard")
                && c.newImage().get("shard").n().equals(String.valueOf(shard))).toList();
    }

    private StockLevel summarised() {
        return DynamoDbDropReader.summaries(LocalDynamoDb.client(), table, Clock.systemUTC()).read(TestDrops.DROP)
                .orElseThrow().stockOf("H").orElseThrow();
    }

    private StockLevel exact() {
        return new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.systemUTC()).read(TestDrops.DROP)
                .orElseThrow().stockOf("H").orElseThrow();
    }

    /** The stock events on the queue not yet received, in the order they were published. */
    private List<JsonNode> delivered() throws Exception {
        bus.awaitDeliveries(Duration.ofSeconds(5));
        List<JsonNode> events = new ArrayList<>();
        for (var message : LocalElasticMq.receiveAll(eventsQueue)) {
            events.add(JSON.readTree(message.body()));
        }
        return events;
    }
}
