package dev.microdrop.fulfilment;

import static dev.microdrop.fulfilment.FulfilmentHandlerTest.event;
import static dev.microdrop.fulfilment.FulfilmentHandlerTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.microdrop.core.fulfilment.FulfilmentService;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler wired as in production (real use case, real DynamoDB adapters) on DynamoDB Local, fed SQS events
 * directly. The same batch through a real queue, redrive and DLQ included, is local's
 * {@code dev.microdrop.local.sqs.FulfilmentIntegrationTest}.
 */
class FulfilmentHandlerIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final DynamoDbClient dynamoDb = LocalDynamoDb.client();
    private String table;
    private PaidOrders orders;
    private DynamoDbFulfilmentRecords records;
    private FulfilmentHandler handler;

    @BeforeEach
    void seed() {
        table = TestDrops.seeded(TestDrops.open(NOW, 10, 20, PaidOrders.SKU), NOW);
        orders = new PaidOrders(dynamoDb, table, TestDrops.DROP, NOW);
        records = new DynamoDbFulfilmentRecords(dynamoDb, table);
        MutableClock clock = new MutableClock(NOW.plusSeconds(5));
        handler = new FulfilmentHandler(new FulfilmentService(new DynamoDbOrderStore(dynamoDb, table, clock), records, clock),
                Json.mapper());
    }

    @Test
    void apply_whenBatchMixesGoodPoisonAndUnknownOrders_thenOnlyPoisonAndUnknownComeBack() {
        String shipped = orders.paid(new Fulfilment.Ship(PaidOrders.ADA));
        String pickedUp = orders.paid(new Fulfilment.Pickup(TestDrops.HUB));
        String refunded = orders.withStatus(new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.REFUNDED);

        SQSBatchResponse response = handler.apply(event(
                message("m-ship", orders.envelope(shipped)),
                message("m-pickup", orders.envelope(pickedUp)),
                message("m-refunded", orders.envelope(refunded)),
                message("m-poison", "not json at all"),
                message("m-unknown", orders.envelope("ord_01KAQ3Z7M5W8E2R4T6Y9B1N3ZZ"))));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-poison", "m-unknown");
        assertThat(records.find(shipped)).get().isInstanceOfSatisfying(FulfilmentTask.PickTicket.class,
                t -> assertThat(t.shipTo()).isEqualTo(PaidOrders.ADA));
        assertThat(records.find(pickedUp)).get().isInstanceOfSatisfying(FulfilmentTask.PickupNotice.class,
                t -> assertThat(t.hubId()).isEqualTo(TestDrops.HUB));
        assertThat(records.find(refunded)).isEmpty();
    }

    @Test
    void apply_whenTheSameOrderIsDeliveredTwice_thenStillOneTaskAndBothSucceed() {
        String shipped = orders.paid(new Fulfilment.Ship(PaidOrders.ADA));
        handler.apply(event(message("m-1", orders.envelope(shipped))));
        List<Map<String, AttributeValue>> afterFirst = LocalDynamoDb.scan(table);

        SQSBatchResponse again = handler.apply(event(message("m-2", orders.envelope(shipped)),
                message("m-3", orders.envelope(shipped))));

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(afterFirst);
        assertThat(afterFirst).filteredOn(i -> i.get("pk").s().startsWith("FULFIL#")).hasSize(1);
    }

    @Test
    void apply_whenOrderIsCancelledAfterPayment_thenSucceedsWithoutATask() {
        String cancelled = orders.withStatus(new Fulfilment.Ship(PaidOrders.ADA), OrderStatus.CANCELLED);

        SQSBatchResponse response = handler.apply(event(message("m-1", orders.envelope(cancelled))));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(records.find(cancelled)).isEmpty();
    }
}
