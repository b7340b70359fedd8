package dev.microdrop.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.fulfilment.FulfilmentService;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.fulfilment.FulfilmentHandler;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Fulfilment end to end on real emulators: OrderPaid envelopes on an ElasticMQ queue with a dead-letter queue,
 * the fulfilment handler (production wiring, DynamoDB Local) behind {@link LocalSqsConsumer}. Good messages make
 * one task each and are deleted; poison and unknown-order messages come back until the redrive policy parks them
 * in the DLQ.
 */
class FulfilmentIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SKU = "NR-42";
    private static final Address ADA = new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE");
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final DynamoDbClient dynamoDb = LocalDynamoDb.client();
    private final SqsClient sqs = LocalElasticMq.client();
    private final OrderIds orderIds = new OrderIds();
    private String table;
    private DynamoDbFulfilmentRecords records;
    private LocalElasticMq.QueueWithDlq queue;
    private LocalSqsConsumer consumer;

    @BeforeEach
    void setUp() {
        table = TestDrops.seeded(TestDrops.open(NOW, 10, 20, SKU), NOW);
        records = new DynamoDbFulfilmentRecords(dynamoDb, table);
        queue = LocalElasticMq.createQueueWithDlq("fulfilment", Duration.ofSeconds(1), 3);
        FulfilmentHandler handler = new FulfilmentHandler(new FulfilmentService(new DynamoDbOrderStore(dynamoDb, table, Clock.systemUTC()),
                records, Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC)), Json.mapper());
        consumer = new LocalSqsConsumer(sqs, queue.queueUrl(), handler);
    }

    @AfterEach
    void stop() {
        consumer.close();
    }

    @Test
    void queue_whenBatchMixesGoodPoisonAndUnknownOrders_thenOneTaskPerGoodOrderAndTheRestInTheDlq()
            throws Exception {
        String shipped = order(new Fulfilment.Ship(ADA), OrderStatus.PAID);
        String pickedUp = order(new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.PAID);
        String refunded = order(new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.REFUNDED);
        String unknown = orderIds.next(NOW);
        String poison = "OrderPaid " + shipped + " (not JSON)";
        sqs.sendMessageBatch(r -> r.queueUrl(queue.queueUrl()).entries(
                entry("ship", envelope(shipped)),
                entry("pickup", envelope(pickedUp)),
                entry("refunded", envelope(refunded)),
                entry("poison", poison),
                entry("unknown", envelope(unknown)),
                // EventBridge delivers at least once: the same event again, as a second message.
                entry("ship-again", envelope(shipped))));

        consumer.start();
        Eventually.await(PATIENCE, "poison and unknown-order messages reach the DLQ, the queue empties",
                () -> LocalElasticMq.messageCount(queue.dlqUrl()) == 2
                        && LocalElasticMq.messageCount(queue.queueUrl()) == 0);

        assertThat(records.find(shipped)).get().isInstanceOfSatisfying(FulfilmentTask.PickTicket.class,
                t -> assertThat(t.shipTo()).isEqualTo(ADA));
        assertThat(records.find(pickedUp)).get().isInstanceOfSatisfying(FulfilmentTask.PickupNotice.class,
                t -> assertThat(t.hubId()).isEqualTo(TestDrops.HUB));
        assertThat(records.find(refunded)).isEmpty();
        assertThat(records.find(unknown)).isEmpty();
        assertThat(LocalDynamoDb.scan(table)).filteredOn(i -> i.get("pk").s().startsWith("FULFIL#"))
                .extracting(i -> i.get("orderId").s()).containsExactlyInAnyOrder(shipped, pickedUp);

        List<Message> dead = LocalElasticMq.receiveAll(queue.dlqUrl());
        assertThat(dead).extracting(Message::body).containsExactlyInAnyOrder(poison, envelope(unknown));
    }

    /** Holds one unit through the real checkout write, then sets the status as the payment flow would. */
    private String order(Fulfilment fulfilment, OrderStatus status) {
        String orderId = orderIds.next(NOW);
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        Order order = new Order(orderId, TestDrops.DROP, BUYERS.of(email), email,
                List.of(new OrderLine(SKU, 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"), fulfilment,
                OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
        HoldResult held = new DynamoDbInventory(dynamoDb, table)
                .hold(new HoldRequest(order, "key-" + orderId, "fingerprint-" + orderId, 10, NOW));
        assertThat(held).isInstanceOf(HoldResult.Held.class);
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.order(orderId))
                .updateExpression("SET #status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status.name()))));
        return orderId;
    }

    private static SendMessageBatchRequestEntry entry(String id, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
    }

    /** The SQS body the OrderPaid rule delivers: the EventBridge envelope around the event. */
    private static String envelope(String orderId) {
        return """
                {"version":"0","id":"%s","detail-type":"OrderPaid","source":"microdrop",\
                "account":"000000000000","time":"%s","region":"us-east-1","resources":[],\
                "detail":{"eventId":"OrderPaid#%s","occurredAt":"%s","dropId":"%s","orderId":"%s",\
                "buyerId":"b_0123456789abcdef0123456789abcdef","lines":[{"sku":"%s","quantity":1}],\
                "amountMinorUnits":2500,"currency":"EUR","fulfilmentType":"ship","late":false}}"""
                .formatted(UUID.nameUUIDFromBytes(orderId.getBytes(StandardCharsets.UTF_8)), NOW, orderId, NOW,
                        TestDrops.DROP, orderId, SKU);
    }
}
