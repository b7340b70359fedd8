package dev.microdrop.notifications;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.fulfilment.HandoverOutcome;
import dev.microdrop.core.fulfilment.HandoverService;
import dev.microdrop.core.fulfilment.PickupCodes;
import dev.microdrop.core.notification.Consents;
import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.OrderMails;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.infrastructure.dynamodb.DynamoDbHandovers;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.mail.MustacheMailTemplates;
import dev.microdrop.infrastructure.notification.DynamoDbSentMail;
import dev.microdrop.infrastructure.notification.DynamoDbSuppressions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The notifications handler on DynamoDB Local with the real templates, the given sender and a clock tests move. */
final class MailRig {

    static final byte[] KEY = "notifications-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String SKU = "NR-42";

    final MutableClock clock;
    final DynamoDbClient dynamoDb = LocalDynamoDb.client();
    final String table;
    final String dropId;
    final DynamoDbSuppressions suppressions;
    final NotificationsHandler handler;
    private final OrderIds orderIds = new OrderIds();

    MailRig(MailSender sender) {
        Drop drop = TestDrops.open(Instant.now(), 10, 100, SKU);
        clock = new MutableClock(drop.opensAt().plusSeconds(60));
        table = TestDrops.seeded(drop, clock.instant());
        dropId = drop.dropId();
        suppressions = new DynamoDbSuppressions(dynamoDb, table, new BuyerIds(KEY), clock);
        Notifier notifier = new Notifier(new MustacheMailTemplates().compile(OrderMails.KINDS), sender,
                new DynamoDbSentMail(dynamoDb, table), Consents.none(), suppressions, new SendKeys(KEY), clock,
                Duration.ofMinutes(2));
        handler = new NotificationsHandler(new OrderMails(new DynamoDbOrderStore(dynamoDb, table, clock), notifier,
                Pacing.unlimited(), URI.create("https://neon.example/")), Json.mapper());
    }

    /** An order held through the real checkout write for {@code email}, then set to {@code status}. */
    String order(String email, Fulfilment fulfilment, OrderStatus status) {
        String orderId = orderIds.next(clock.instant());
        Order order = new Order(orderId, dropId, new BuyerIds(KEY).of(email), email,
                List.of(new OrderLine(SKU, 2, Money.of(2_500, "EUR"))), Money.of(5_000, "EUR"), fulfilment,
                OrderStatus.HELD, clock.instant(), clock.instant().plus(Duration.ofMinutes(10)));
        HoldResult result = new DynamoDbInventory(dynamoDb, table)
                .hold(new HoldRequest(order, "key-" + orderId, "fp-" + orderId, 10, clock.instant(), false, java.util.Set.of()));
        if (!(result instanceof HoldResult.Held)) {
            throw new IllegalStateException("could not hold " + orderId + ": " + result);
        }
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.order(orderId))
                .updateExpression("SET #status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status.name()))));
        return orderId;
    }

    /** Hub staff make the paid pickup order ready, as the merchant API does: its code, stored on the order. */
    String ready(String orderId) {
        HandoverOutcome outcome = new HandoverService(new DynamoDbOrderStore(dynamoDb, table, clock),
                new DynamoDbHandovers(dynamoDb, table), new PickupCodes(KEY), clock).ready(dropId, orderId);
        if (!(outcome instanceof HandoverOutcome.Done done)) {
            throw new IllegalStateException("could not make " + orderId + " ready: " + outcome);
        }
        return done.order().handover().pickupCode();
    }

    String pickupReady(String orderId) {
        return envelope("PickupReady", "\"orderId\":\"" + orderId + "\"");
    }

    String orderPaid(String orderId) {
        return envelope("OrderPaid", "\"orderId\":\"" + orderId + "\"");
    }

    String claimOffered(String orderId, Instant expires) {
        return envelope("WaitlistClaimOffered", "\"orderId\":\"" + orderId + "\",\"sku\":\"" + SKU
                + "\",\"buyerId\":\"b_0123456789abcdef0123456789abcdef\",\"claimExpiresAt\":\"" + expires + "\"");
    }

    private String envelope(String type, String fields) {
        return "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"" + type + "\",\"source\":\"microdrop\","
                + "\"time\":\"" + clock.instant() + "\",\"detail\":{\"eventId\":\"evt_x\",\"dropId\":\"" + dropId + "\","
                + fields + "}}";
    }

    static com.amazonaws.services.lambda.runtime.events.SQSEvent sqs(String... bodies) {
        com.amazonaws.services.lambda.runtime.events.SQSEvent event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        java.util.List<com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage m =
                    new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody(bodies[i]);
            messages.add(m);
        }
        event.setRecords(messages);
        return event;
    }
}
