package dev.microdrop.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.ShardSummaries;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.outbox.OutboxRelay;
import dev.microdrop.infrastructure.outbox.SqsHoldExpiryQueue;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import dev.microdrop.local.eventbridge.LocalEventBridge;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The transactional outbox end to end: a checkout writes its OrderHeld event into the table; the relay dies
 * before publishing it (it got the record and never published, as a killed process would); a new relay
 * resumes from the stream and the event reaches the bus, routed by event-ruler to a queue, and the hold's
 * expiry is scheduled. Nothing is lost; redelivery carries the same event id.
 */
class OutboxCrashIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalEventBridge bus;
    private EventBridgeClient eventBridge;
    private String table;
    private String eventsQueue;
    private String expiryQueue;

    @BeforeEach
    void start() throws Exception {
        bus = new LocalEventBridge(LocalElasticMq.client()).start(0);
        eventBridge = client(bus.endpoint());
        eventsQueue = LocalElasticMq.client().createQueue(r -> r.queueName("all-events-" + System.nanoTime())).queueUrl();
        expiryQueue = LocalElasticMq.client().createQueue(r -> r.queueName("expiry-" + System.nanoTime())).queueUrl();
        bus.rule(LocalEventBridge.DEFAULT_BUS, "everything", "{\"source\":[\"microdrop\"]}", LocalElasticMq.arn(eventsQueue));
        Instant now = Instant.now();
        table = TestDrops.seeded(TestDrops.open(now, 4, 10, "A"), now);
    }

    @AfterEach
    void stop() {
        eventBridge.close();
        bus.close();
    }

    @Test
    void anEventWrittenBeforeTheRelayDied_isPublishedWhenARelayResumes() throws Exception {
        Order order = holdOne();
        List<String> attempted = new ArrayList<>();

        try (LocalStreamPoller dying = new LocalStreamPoller(LocalDynamoDb.client(), LocalDynamoDb.streams(), table,
                batch -> {
                    batch.forEach(change -> attempted.add(change.eventName()));
                    return Optional.of(batch.getFirst().sequenceNumber());
                }, Duration.ofMillis(50))) {
            dying.pollOnce();
        }
        assertThat(attempted).isNotEmpty();
        assertThat(LocalElasticMq.receiveAll(eventsQueue)).isEmpty();

        try (LocalStreamPoller resumed = new LocalStreamPoller(LocalDynamoDb.client(), LocalDynamoDb.streams(), table,
                relay(eventBridge)::relay, Duration.ofMillis(50))) {
            resumed.pollOnce();
        }
        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();

        assertThat(deliveredEventIds()).contains("evt_" + order.orderId() + "_OrderHeld");
        // The expiry is scheduled, delayed until the hold ends ten minutes from now.
        assertThat(LocalElasticMq.client().getQueueAttributes(r -> r.queueUrl(expiryQueue)
                        .attributeNamesWithStrings("ApproximateNumberOfMessagesDelayed")).attributesAsStrings()
                .get("ApproximateNumberOfMessagesDelayed")).isEqualTo("1");
    }

    @Test
    void aRelayThatFailsMidBatch_resumesFromTheFailedRecord_andLosesNothing() throws Exception {
        Order first = holdOne();
        Order second = holdOne();
        EventBridgeClient unreachable = client(URI.create("http://127.0.0.1:9"));
        OutboxRelay healthy = relay(eventBridge);
        OutboxRelay broken = relay(unreachable);
        boolean[] up = {false};

        try (LocalStreamPoller poller = new LocalStreamPoller(LocalDynamoDb.client(), LocalDynamoDb.streams(), table,
                batch -> up[0] ? healthy.relay(batch) : broken.relay(batch), Duration.ofMillis(50))) {
            poller.pollOnce();
            assertThat(LocalElasticMq.receiveAll(eventsQueue)).isEmpty();
            up[0] = true;
            poller.pollOnce();
        }
        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();

        assertThat(deliveredEventIds()).contains("evt_" + first.orderId() + "_OrderHeld",
                "evt_" + second.orderId() + "_OrderHeld");
        unreachable.close();
    }

    @Test
    void skuChanges_becomeStockLowAndSoldOutEvents() throws Exception {
        // 10 units: the 9th hold crosses the low-stock line (a tenth of released), the 10th sells out.
        for (int i = 0; i < 10; i++) {
            holdOne();
        }

        try (LocalStreamPoller poller = new LocalStreamPoller(LocalDynamoDb.client(), LocalDynamoDb.streams(), table,
                relay(eventBridge)::relay, Duration.ofMillis(50))) {
            poller.pollOnce();
        }
        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();

        List<JsonNode> delivered = LocalElasticMq.receiveAll(eventsQueue).stream()
                .map(m -> {
                    try {
                        return JSON.readTree(m.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(delivered).filteredOn(e -> e.get("detail-type").asText().equals("SoldOut")).hasSize(1)
                .allSatisfy(e -> assertThat(e.at("/detail/sku").asText()).isEqualTo("A"));
        assertThat(delivered).filteredOn(e -> e.get("detail-type").asText().equals("StockLow")).hasSize(1)
                .allSatisfy(e -> assertThat(e.at("/detail/available").asInt()).isEqualTo(1));
        assertThat(delivered).filteredOn(e -> e.get("detail-type").asText().equals("OrderHeld")).hasSize(10);
    }

    private OutboxRelay relay(EventBridgeClient client) {
        return new OutboxRelay(new EventBridgePublisher(client, "default"),
                new SqsHoldExpiryQueue(LocalElasticMq.client(), expiryQueue, Clock.systemUTC()),
                new ShardSummaries(LocalDynamoDb.client(), table), Clock.systemUTC());
    }

    private Set<String> deliveredEventIds() {
        return LocalElasticMq.receiveAll(eventsQueue).stream().map(OutboxCrashIntegrationTest::detail)
                .map(d -> d.get("eventId").asText()).collect(Collectors.toSet());
    }

    private Order holdOne() {
        Instant now = Instant.now();
        Order order = new Order(new OrderIds().next(now), TestDrops.DROP,
                new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8)).of("b" + System.nanoTime() + "@example.com"),
                "buyer@example.com", List.of(new OrderLine("A", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
        new DynamoDbInventory(LocalDynamoDb.client(), table).hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 4, now));
        return order;
    }

    private static EventBridgeClient client(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    }

    private static JsonNode detail(Message message) {
        try {
            return JSON.readTree(message.body()).get("detail");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
