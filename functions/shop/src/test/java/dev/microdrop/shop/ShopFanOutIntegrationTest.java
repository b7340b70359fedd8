package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceConsents;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.shop.AnnouncementPages;
import dev.microdrop.core.shop.DropAnnouncements;
import dev.microdrop.core.shop.LoyaltyPasses;
import dev.microdrop.core.shop.LoyaltyRule;
import dev.microdrop.core.shop.NewTimes;
import dev.microdrop.core.shop.RestockAlerts;
import dev.microdrop.core.shop.ShopEvents;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.infrastructure.audience.DynamoDbAudienceMembers;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbShopRecords;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.mail.MimeMails;
import dev.microdrop.infrastructure.mail.MustacheMailTemplates;
import dev.microdrop.infrastructure.mail.SmtpMailSender;
import dev.microdrop.infrastructure.notification.DynamoDbSentMail;
import dev.microdrop.infrastructure.notification.DynamoDbSuppressions;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import dev.microdrop.infrastructure.sqs.SqsAnnouncementQueue;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A publication to 250 subscribed members through the shop's queue: the handler on DynamoDB Local splits it into
 * pages on ElasticMQ, the pages come back through the handler (the publication delivered twice, its pages queued
 * twice as if it came back before its split was recorded, and a batch of pages delivered twice), and
 * GreenMail receives one mail per member: a pass for the past buyers, "opens soon" for the others.
 */
class ShopFanOutIntegrationTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final byte[] KEY = "shop-fan-out-it-key-0123456789abcd".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
    private static final BuyerIds IDS = new BuyerIds(KEY);
    private static final int MEMBERS = 250;

    private final MutableClock clock = new MutableClock(T0);
    private DynamoDbShopRecords records;
    private Audience audience;
    private String queueUrl;
    private AnnouncementPages fanOut;
    private Function<SQSEvent, SQSBatchResponse> handler;

    @BeforeEach
    void setUp() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "shop-fan-out-" + UUID.randomUUID();
        DropTable.createIfMissing(dynamoDb, table);
        records = new DynamoDbShopRecords(dynamoDb, table);
        DynamoDbAudienceMembers members = new DynamoDbAudienceMembers(dynamoDb, table);
        audience = new Audience(members, IDS, new LinkTokens(KEY), Audience.DEFAULT_CONFIRM_WINDOW);
        DynamoDbSuppressions suppressions = new DynamoDbSuppressions(dynamoDb, table, IDS, clock);
        Notifier notifier = new Notifier(new MustacheMailTemplates().compile(Set.of(
                NotificationKind.EARLY_ACCESS_PASS, NotificationKind.DROP_OPENS_SOON, NotificationKind.DROP_RESCHEDULED)),
                new SmtpMailSender("127.0.0.1", GREEN_MAIL.getSmtp().getPort(),
                        new MimeMails("Neon Runners <hello@neon.example>", clock)),
                new DynamoDbSentMail(dynamoDb, table),
                new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")), suppressions,
                new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE);
        URI storefront = URI.create("https://shop.example/");
        LoyaltyPasses passes = new LoyaltyPasses(records, members, new AccessTokens(KEY), notifier, Pacing.unlimited(),
                LoyaltyRule.DEFAULT, storefront, clock);
        queueUrl = LocalElasticMq.createQueueWithDlq("shop-events", Duration.ofSeconds(30), 5).queueUrl();
        fanOut = new AnnouncementPages(records, members, passes,
                new DropAnnouncements(records, members, new AccessTokens(KEY), notifier, Pacing.unlimited(), storefront,
                        clock),
                new NewTimes(records, new AccessTokens(KEY), notifier, Pacing.unlimited(), LoyaltyRule.DEFAULT,
                        storefront, clock),
                new SqsAnnouncementQueue(LocalElasticMq.client(), queueUrl, Json.mapper()), clock);
        handler = new ShopEventsHandler(new ShopEvents(records, passes, fanOut,
                new RestockAlerts(records, members, notifier, Pacing.unlimited(),
                        new SqsAnnouncementQueue(LocalElasticMq.client(), queueUrl, Json.mapper()), storefront, clock)), suppressions,
                Json.mapper());
    }

    @Test
    void aPublicationTo250Members_fansOutInPages_andEachMemberGetsExactlyOneMail_evenWithRedeliveries()
            throws Exception {
        for (int i = 0; i < MEMBERS; i++) {
            SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp("fan" + i + "@example.com", "v1",
                    Set.of(), null, T0);
            audience.confirm(pending.confirmToken(), T0);
        }
        DomainEvent.DropPublished past = new DomainEvent.DropPublished("evt_d1_DropPublished_1",
                T0.minus(Duration.ofDays(31)), "d1", "Drop d1", null, T0.minus(Duration.ofDays(30)),
                T0.minus(Duration.ofDays(29)), 100, List.of(), null);
        List<String> bodies = new ArrayList<>(List.of(envelope(past)));
        for (int i = 0; i < MEMBERS; i += 10) {
            bodies.add(envelope(new DomainEvent.OrderPaid("evt_o" + i + "_OrderPaid", past.opensAt(), "d1", "o" + i,
                    IDS.of("fan" + i + "@example.com").value(), List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR",
                    "ship", false)));
        }
        assertThat(failures(messages(bodies))).isEmpty();
        DomainEvent.DropPublished next = new DomainEvent.DropPublished("evt_d2_DropPublished_1", T0, "d2", "Drop d2",
                T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)), 100, List.of(),
                null);

        SQSEvent publication = messages(List.of(envelope(next)));
        assertThat(failures(publication)).isEmpty();
        assertThat(failures(publication)).as("the publication redelivered").isEmpty();
        int pages = MEMBERS / AnnouncementPages.PAGE_SIZE + 1;
        assertThat(LocalElasticMq.messageCount(queueUrl)).as("its pages, once: the split is recorded").isEqualTo(pages);
        // As if the publication had come back before its split was recorded: the same pages, queued again.
        new SqsAnnouncementQueue(LocalElasticMq.client(), queueUrl, Json.mapper()).enqueue(fanOut.split(next));
        assertThat(LocalElasticMq.messageCount(queueUrl)).isEqualTo(2 * pages);

        int deliveries = 0;
        while (true) {
            List<Message> batch = ShopQueueMessages.receive(queueUrl);
            if (batch.isEmpty()) {
                break;
            }
            SQSEvent event = ShopQueueMessages.of(batch);
            assertThat(failures(event)).isEmpty();
            if (deliveries++ == 0) {
                assertThat(failures(event)).as("a batch of pages delivered twice").isEmpty();
            }
            batch.forEach(m -> LocalElasticMq.client().deleteMessage(r -> r.queueUrl(queueUrl)
                    .receiptHandle(m.receiptHandle())));
        }

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        Map<String, List<String>> byRecipient = new HashMap<>();
        for (MimeMessage mail : received) {
            byRecipient.computeIfAbsent(mail.getAllRecipients()[0].toString(), k -> new ArrayList<>())
                    .add(mail.getHeader("X-Microdrop-Kind", null));
        }
        assertThat(received).hasSize(MEMBERS);
        assertThat(byRecipient).hasSize(MEMBERS).allSatisfy((to, kinds) -> {
            int i = Integer.parseInt(to.substring(3, to.indexOf('@')));
            assertThat(kinds).as(to).containsExactly(i % 10 == 0 ? "EARLY_ACCESS_PASS" : "DROP_OPENS_SOON");
        });
        assertThat(LocalElasticMq.messageCount(queueUrl)).isZero();
    }

    @Test
    void aDropPublishedAgainWithLaterTimes_mailsEachMemberToldBeforeOneNewTimesMail_aPassHolderANewPass()
            throws Exception {
        for (String email : List.of("ada@example.com", "bo@example.com")) {
            SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(email, "v1", Set.of(), null, T0);
            audience.confirm(pending.confirmToken(), T0);
        }
        DomainEvent.DropPublished past = new DomainEvent.DropPublished("evt_d1_DropPublished_1",
                T0.minus(Duration.ofDays(31)), "d1", "Drop d1", null, T0.minus(Duration.ofDays(30)),
                T0.minus(Duration.ofDays(29)), 100, List.of(), null);
        assertThat(failures(messages(List.of(envelope(past), envelope(new DomainEvent.OrderPaid("evt_o1_OrderPaid",
                past.opensAt(), "d1", "o1", IDS.of("ada@example.com").value(), List.of(new DomainEvent.Line("A", 1)),
                2_500, "EUR", "ship", false)))))).isEmpty();
        DomainEvent.DropPublished first = new DomainEvent.DropPublished("evt_d2_DropPublished_1", T0, "d2", "Drop d2",
                T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)), 100, List.of(),
                null);
        publishAndDeliver(first);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2);
        clock.advance(Duration.ofHours(1));
        DomainEvent.DropPublished moved = new DomainEvent.DropPublished("evt_d2_DropPublished_2",
                T0.plus(Duration.ofHours(1)), "d2", "Drop d2", T0.plus(Duration.ofDays(6)), T0.plus(Duration.ofDays(7)),
                T0.plus(Duration.ofDays(8)), 100, List.of(), null);

        publishAndDeliver(moved);
        publishAndDeliver(moved);

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(4);
        List<MimeMessage> newTimes = new ArrayList<>();
        for (MimeMessage mail : received) {
            if ("DROP_RESCHEDULED".equals(mail.getHeader("X-Microdrop-Kind", null))) {
                newTimes.add(mail);
            }
        }
        assertThat(newTimes).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("ada@example.com", "bo@example.com");
        for (MimeMessage mail : newTimes) {
            String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
            assertThat(mail.getSubject()).isEqualTo(
                    "New times for Drop d2: opening 2026-12-08 18:00 UTC (update of 2026-12-01 19:00 UTC)");
            assertThat(text).contains("2026-12-08 18:00 UTC", "2026-12-03 18:00 UTC");
            if (mail.getAllRecipients()[0].toString().equals("ada@example.com")) {
                assertThat(text).as("a new pass").contains("?drop=d2&access=v1.", "your new one");
            } else {
                assertThat(text).doesNotContain("access=");
            }
        }
    }

    /** The publication through the handler, then its pages from ElasticMQ through the handler, each twice. */
    private void publishAndDeliver(DomainEvent.DropPublished publication) {
        assertThat(failures(messages(List.of(envelope(publication))))).isEmpty();
        while (true) {
            List<Message> batch = ShopQueueMessages.receive(queueUrl);
            if (batch.isEmpty()) {
                return;
            }
            assertThat(failures(ShopQueueMessages.of(batch))).isEmpty();
            assertThat(failures(ShopQueueMessages.of(batch))).isEmpty();
            batch.forEach(m -> LocalElasticMq.client().deleteMessage(r -> r.queueUrl(queueUrl)
                    .receiptHandle(m.receiptHandle())));
        }
    }

    private List<String> failures(SQSEvent event) {
        return handler.apply(event).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static String envelope(DomainEvent event) {
        return "{\"version\":\"0\",\"source\":\"microdrop\",\"detail-type\":\"" + event.type() + "\",\"detail\":"
                + OutboxItems.detail(event) + "}";
    }

    private static SQSEvent messages(List<String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies.get(i));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
