package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Restock alerts as the shop's function sends them: the application's own wiring, its table on DynamoDB Local (the
 * audience, the kept events, the send records), its own queue on ElasticMQ (the alert's pages), the real templates
 * and SMTP into GreenMail. A SKU's SoldOut and BackInStock, delivered twice, queue the episode's pages once, and the
 * pages, delivered twice, mail each subscribed member the drop is for once, and an unsubscribed one never.
 */
class RestockAlertsIntegrationTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = ShopFunctionSettings.greenMail();

    private static final String BUYER_ID_KEY = "restock-it-buyer-id-key-0123456789";
    private static final List<String> SETTINGS = List.of("aws.endpointUrlSqs", "microdrop.shop.events-queue-url",
            "microdrop.mail.rate");

    private String queueUrl;
    private Instant now;
    private DomainEvent.SoldOut soldOut;
    private DomainEvent.BackInStock back;

    /** A table of its own, the shop's queue on ElasticMQ, and the SKU's episode: sold out an hour ago, back since. */
    @BeforeEach
    void setUp() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "shop-restock-" + UUID.randomUUID();
        DropTable.createIfMissing(dynamoDb, table);
        ShopFunctionSettings.use(table, BUYER_ID_KEY, "restock-it-link-key-0123456789abcdef", GREEN_MAIL);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        soldOut = new DomainEvent.SoldOut("evt_soldout_neon_NR-42_1", now.minus(Duration.ofHours(1)), "neon", "NR-42");
        back = new DomainEvent.BackInStock("evt_backinstock_neon_NR-42_60_1_58", now.minus(Duration.ofMinutes(5)),
                "neon", "NR-42", "Neon Runner", "EU 42", 1);
        queueUrl = LocalElasticMq.createQueueWithDlq("shop-restock", Duration.ofSeconds(30), 5).queueUrl();
        System.setProperty("aws.endpointUrlSqs", LocalElasticMq.endpoint());
        System.setProperty("microdrop.shop.events-queue-url", queueUrl);
        System.setProperty("microdrop.mail.rate", "1000");
    }

    @AfterEach
    void clear() {
        SETTINGS.forEach(System::clearProperty);
    }

    @Test
    @SuppressWarnings("unchecked")
    void soldOutThenBackInStock_deliveredTwice_mailsEachSubscribedMemberOnce_andAnUnsubscribedOneNever()
            throws Exception {
        DomainEvent.DropPublished drop = drop(List.of("kreuzberg"), List.of("running"));

        try (ConfigurableApplicationContext shop = new SpringApplicationBuilder(ShopApplication.class)
                .web(WebApplicationType.NONE).run()) {
            Audience audience = shop.getBean(Audience.class);
            Function<SQSEvent, SQSBatchResponse> shopEvents = shop.getBean("shopEvents", Function.class);
            subscribe(audience, "ada@example.com", "kreuzberg", now);
            subscribe(audience, "bo@example.com", "hamburg", now, "running");
            subscribe(audience, "dee@example.com", "hamburg", now, "denim");
            subscribe(audience, "cy@example.com", "kreuzberg", now);
            String unsubscribe = audience.unsubscribeUrl(new BuyerIds(BUYER_ID_KEY.getBytes(StandardCharsets.UTF_8))
                    .of("cy@example.com"), URI.create("https://shop.example/u")).toString();
            audience.unsubscribe(unsubscribe.substring(unsubscribe.indexOf("token=") + "token=".length()), now);

            assertThat(failures(shopEvents.apply(batch(drop, soldOut, back)))).isEmpty();
            assertThat(failures(shopEvents.apply(batch(soldOut, back)))).as("delivered twice").isEmpty();
            assertThat(LocalElasticMq.messageCount(queueUrl)).as("the episode's one page, queued once").isEqualTo(1);
            deliverPagesTwice(shopEvents);
        }

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(Arrays.stream(received).map(RestockAlertsIntegrationTest::to))
                .as("the hub's member and the interest's, once each; not the unsubscribed, not another hub's")
                .containsExactlyInAnyOrder("ada@example.com", "bo@example.com");
        for (MimeMessage mail : received) {
            assertThat(mail.getHeader("X-Microdrop-Kind", null)).isEqualTo("RESTOCK_ALERT");
            assertThat(mail.getSubject()).startsWith("Back in stock: Neon Runner EU 42 (sold out ");
            assertThat(mail.getHeader("List-Unsubscribe", null)).startsWith("<").contains("token=");
            assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHundredMembers_soldOutThenBackInStockTwice_andPagesDeliveredTwice_eachMemberAlertedExactlyOnce()
            throws Exception {
        DomainEvent.DropPublished drop = drop(List.of(), List.of());
        DomainEvent.BackInStock backAgain = new DomainEvent.BackInStock("evt_backinstock_neon_NR-42_60_2_57",
                now.minus(Duration.ofMinutes(1)), "neon", "NR-42", "Neon Runner", "EU 42", 2);
        int members = 100;

        try (ConfigurableApplicationContext shop = new SpringApplicationBuilder(ShopApplication.class)
                .web(WebApplicationType.NONE).run()) {
            Audience audience = shop.getBean(Audience.class);
            Function<SQSEvent, SQSBatchResponse> shopEvents = shop.getBean("shopEvents", Function.class);
            for (int i = 0; i < members; i++) {
                subscribe(audience, "fan" + i + "@example.com", null, now);
            }

            assertThat(failures(shopEvents.apply(batch(drop, soldOut, back)))).isEmpty();
            assertThat(failures(shopEvents.apply(batch(soldOut, back)))).as("delivered twice").isEmpty();
            assertThat(failures(shopEvents.apply(batch(backAgain)))).as("the same episode, back again").isEmpty();
            assertThat(LocalElasticMq.messageCount(queueUrl)).as("the episode's pages, queued once")
                    .isEqualTo(members / 40 + 1);
            deliverPagesTwice(shopEvents);
            assertThat(failures(shopEvents.apply(batch(backAgain, soldOut)))).as("redelivered after").isEmpty();
            assertThat(LocalElasticMq.messageCount(queueUrl)).as("nothing queued again").isZero();
        }

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(Arrays.stream(received).map(RestockAlertsIntegrationTest::to)).as("one alert per member")
                .hasSize(members).doesNotHaveDuplicates();
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).allSatisfy(subject -> assertThat(subject).matches(
                "Back in stock: Neon Runner EU 42 \\(sold out \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\\)"));
    }

    /** The drop "neon", open since two hours, for {@code hubs} and {@code interests}. */
    private DomainEvent.DropPublished drop(List<String> hubs, List<String> interests) {
        return new DomainEvent.DropPublished("evt_neon_DropPublished_1", now.minus(Duration.ofDays(7)), "neon",
                "Neon Runners", null, now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(1)), 100, hubs,
                "https://drop.example/", List.of(), interests);
    }

    /** Every page on the shop's queue through the handler, each batch twice (as a redelivery would), until none. */
    private void deliverPagesTwice(Function<SQSEvent, SQSBatchResponse> shopEvents) {
        while (true) {
            List<Message> batch = ShopQueueMessages.receive(queueUrl);
            if (batch.isEmpty()) {
                return;
            }
            SQSEvent event = ShopQueueMessages.of(batch);
            assertThat(failures(shopEvents.apply(event))).isEmpty();
            assertThat(failures(shopEvents.apply(event))).as("the batch of pages delivered twice").isEmpty();
            batch.forEach(m -> LocalElasticMq.client().deleteMessage(r -> r.queueUrl(queueUrl)
                    .receiptHandle(m.receiptHandle())));
        }
    }


    private static void subscribe(Audience audience, String email, String hub, Instant at, String... interests) {
        SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(email, "v1", Set.of(interests), hub,
                at);
        audience.confirm(pending.confirmToken(), at);
    }

    private static String to(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private static SQSEvent batch(DomainEvent... events) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (DomainEvent event : events) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + event.eventId());
            message.setBody("{\"version\":\"0\",\"source\":\"microdrop\",\"detail-type\":\"" + event.type()
                    + "\",\"detail\":" + OutboxItems.detail(event) + "}");
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
