package dev.microdrop.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fulfilment as Lambda runs it: {@code FunctionInvoker} with {@code MAIN_CLASS=FulfilmentApplication}, the SQS
 * event from {@code events/fulfilment-sqs.json} (one OrderPaid envelope, one poison message), DynamoDB Local
 * behind the SDK client the Spring context builds.
 */
class FulfilmentFunctionWiringTest {

    /** The order and the message ids named in events/fulfilment-sqs.json. */
    private static final String ORDER_ID = "ord_01KAQ3Z7M5W8E2R4T6Y9B1N3C5";
    private static final String POISON_MESSAGE_ID = "2e1424d4-f796-459a-8184-9c92662be6da";

    @Test
    void functionInvoker_runsTheSqsEventThroughTheSpringBean_andReportsOnlyThePoisonMessage() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "fulfilment-wiring";
        System.setProperty("microdrop.table", table);
        DropTable.createIfMissing(dynamoDb, table);
        Instant now = Instant.now();
        new DynamoDbDropPublisher(dynamoDb, table).publish(TestDrops.drop("neon-runners", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)), 2, 100, PaidOrders.SKU), now);
        PaidOrders orders = new PaidOrders(dynamoDb, table, "neon-runners", now);
        orders.hold(ORDER_ID, new Fulfilment.Ship(PaidOrders.ADA));
        orders.setStatus(ORDER_ID, OrderStatus.PAID);

        LambdaHarness lambda = new LambdaHarness(FulfilmentApplication.class, "fulfilment");
        // Attached after the context started: Spring Boot's logging set-up would have dropped it.
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        JsonNode response;
        try {
            response = lambda.invoke("fulfilment-sqs.json");
        } finally {
            root.detachAppender(logs);
        }

        assertThat(response.get("batchItemFailures")).as(response.toString()).hasSize(1);
        assertThat(response.get("batchItemFailures").get(0).get("itemIdentifier").asText())
                .isEqualTo(POISON_MESSAGE_ID);
        assertThat(new DynamoDbFulfilmentRecords(dynamoDb, table).find(ORDER_ID)).get()
                .isInstanceOf(FulfilmentTask.PickTicket.class);

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .as("no log line carries a message body, not even the framework's")
                .isNotEmpty()
                .noneMatch(line -> line.contains("was paid") || line.contains("\"detail-type\""));

        JsonNode retried = lambda.invoke("fulfilment-sqs.json");

        assertThat(retried.get("batchItemFailures")).as("a redelivered batch: the good message is AlreadyDone")
                .hasSize(1);
    }
}
