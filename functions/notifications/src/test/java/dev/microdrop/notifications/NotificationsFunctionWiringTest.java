package dev.microdrop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Notifications as Lambda runs it: {@code FunctionInvoker} with {@code MAIN_CLASS=NotificationsApplication}, the SQS
 * event from {@code events/notifications-sqs.json} (one OrderPaid envelope, one poison message), DynamoDB Local
 * behind the SDK client the Spring context builds, and the context's own SMTP sender delivering into GreenMail.
 */
class NotificationsFunctionWiringTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    /** The order and the message ids named in events/notifications-sqs.json. */
    private static final String ORDER_ID = "ord_01KAQ4M8N2B5V7C9X1Z3H5K7J9";
    private static final String POISON_MESSAGE_ID = "c4d5e6f7-0a1b-4c2d-8e3f-9a0b1c2d3e4f";
    private static final String KEY = "notifications-wiring-key-0123456789";
    private static final String BUYER = "ada@example.com";

    @Test
    void functionInvoker_mailsTheReceiptOnce_andReportsOnlyThePoisonMessage() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "notifications-wiring";
        DropTable.createIfMissing(dynamoDb, table);
        Instant now = Instant.now();
        new DynamoDbDropPublisher(dynamoDb, table).publish(TestDrops.drop("neon-runners", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)), 2, 100, "NR-42"), now);
        paidOrder(dynamoDb, table, now);
        Map.of("microdrop.table", table,
                "microdrop.buyer-id-key", KEY,
                "microdrop.mail.from", "Neon Runners <orders@neon.example>",
                "microdrop.mail.transport", "smtp",
                "microdrop.mail.smtp-host", "127.0.0.1",
                "microdrop.mail.smtp-port", String.valueOf(GREEN_MAIL.getSmtp().getPort()),
                "microdrop.mail.storefront-url", "https://neon.example/")
                .forEach(System::setProperty);

        LambdaHarness lambda = new LambdaHarness(NotificationsApplication.class, "notifications");
        // Attached after the context started: Spring Boot's logging set-up would have dropped it.
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        JsonNode response;
        JsonNode retried;
        try {
            response = lambda.invoke("notifications-sqs.json");
            retried = lambda.invoke("notifications-sqs.json");
        } finally {
            root.detachAppender(logs);
        }

        assertThat(response.get("batchItemFailures")).as(response.toString()).hasSize(1);
        assertThat(response.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(POISON_MESSAGE_ID);
        assertThat(retried.get("batchItemFailures")).as("a redelivered batch: the receipt is already sent")
                .hasSize(1);
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).as("one receipt, though the event came twice").hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Your receipt for order " + ORDER_ID);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(BUYER);
        assertThat(received[0].getFrom()[0].toString()).contains("orders@neon.example");
        // GreenMail, the test's mail server, logs the users it creates; it is not part of the function.
        assertThat(logs.list).filteredOn(event -> !event.getLoggerName().startsWith("com.icegreen"))
                .extracting(ILoggingEvent::getFormattedMessage)
                .as("no log line carries an address or a message body, not even the framework's")
                .isNotEmpty()
                .noneMatch(line -> line.contains(BUYER) || line.contains("was paid") || line.contains("\"detail-type\""));
    }

    /** The order of the event, held through the real checkout write for {@link #BUYER}, then paid. */
    private static void paidOrder(DynamoDbClient dynamoDb, String table, Instant now) {
        Order order = new Order(ORDER_ID, "neon-runners", new BuyerIds(KEY.getBytes(StandardCharsets.UTF_8)).of(BUYER),
                BUYER, List.of(new OrderLine("NR-42", 2, Money.of(2_500, "EUR"))), Money.of(5_000, "EUR"),
                new Fulfilment.Ship(new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE")),
                OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
        HoldResult held = new DynamoDbInventory(dynamoDb, table)
                .hold(new HoldRequest(order, "key-" + ORDER_ID, "fp-" + ORDER_ID, 10, now, false, Set.of()));
        assertThat(held).isInstanceOf(HoldResult.Held.class);
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.order(ORDER_ID))
                .updateExpression("SET #status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(OrderStatus.PAID.name()))));
    }
}
