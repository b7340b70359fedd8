package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceConsents;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.shop.DropAnnouncements;
import dev.microdrop.core.shop.LoyaltyPasses;
import dev.microdrop.core.shop.LoyaltyRule;
import dev.microdrop.core.shop.RestockAlerts;
import dev.microdrop.core.shop.ShopEvents;
import dev.microdrop.core.shop.AnnouncementPages;
import dev.microdrop.core.shop.NewTimes;
import dev.microdrop.core.testing.InMemoryAnnouncementQueue;
import dev.microdrop.core.testing.InMemoryAudienceMembers;
import dev.microdrop.core.testing.InMemorySentMail;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.core.testing.InMemorySuppressions;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.PlainMailTemplates;
import dev.microdrop.core.testing.RecordingMailSender;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.sqs.SqsAnnouncementQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The shop's queue: drops' events kept and acted on, SES feedback suppressing, poison and throttling coming back. */
class ShopEventsHandlerTest {

    private static final byte[] KEY = "shop-events-test-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
    private static final BuyerIds IDS = new BuyerIds(KEY);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final Audience audience = new Audience(members, IDS, new LinkTokens(KEY), Audience.DEFAULT_CONFIRM_WINDOW);
    private final InMemorySuppressions suppressions = new InMemorySuppressions();
    private final RecordingMailSender sender = new RecordingMailSender();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Pacing pacing = mails -> open.get();
    private final InMemoryAnnouncementQueue queue = new InMemoryAnnouncementQueue();
    private final LoyaltyPasses passes = new LoyaltyPasses(records, members, new AccessTokens(KEY),
            new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                    new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")),
                    suppressions, new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE),
            pacing, LoyaltyRule.DEFAULT, URI.create("https://shop.example/"), clock);
    private final ShopEventsHandler handler = new ShopEventsHandler(new ShopEvents(records, passes,
            new AnnouncementPages(records, members, passes,
                    new DropAnnouncements(records, members, new AccessTokens(KEY), new Notifier(new PlainMailTemplates(),
                            sender, new InMemorySentMail(),
                            new AudienceConsents(audience, URI.create("https://shop.example/u")), suppressions,
                            new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE), pacing,
                            URI.create("https://shop.example/"), clock),
                    new NewTimes(records, new AccessTokens(KEY), new Notifier(new PlainMailTemplates(), sender,
                            new InMemorySentMail(), new AudienceConsents(audience, URI.create("https://shop.example/u")),
                            suppressions, new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE), pacing,
                            LoyaltyRule.DEFAULT, URI.create("https://shop.example/"), clock), queue, clock),
            new RestockAlerts(records, members, new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                    new AudienceConsents(audience, URI.create("https://shop.example/u")), suppressions,
                    new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE), pacing, queue, URI.create("https://shop.example/"),
                    clock)),
            suppressions, Json.mapper());
    private final SqsAnnouncementQueue bodies = new SqsAnnouncementQueue(null, "unused", Json.mapper());

    @Test
    void aPastBuyersPass_isMailedOnce_andAThrottledDeliveryComesBack() {
        SignUpOutcome.Pending ada = (SignUpOutcome.Pending) audience.signUp("ada@example.com", "v1", Set.of(), null, T0);
        audience.confirm(ada.confirmToken(), T0);
        DomainEvent.DropPublished first = published("d1", T0.minus(Duration.ofDays(7)), null);
        DomainEvent.DropPublished second = published("d2", T0.plus(Duration.ofHours(2)), T0.plusSeconds(60));
        assertThat(failures(batch(first, new DomainEvent.OrderPaid("evt_o1_OrderPaid", first.opensAt(), "d1", "o1",
                IDS.of("ada@example.com").value(), List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", "ship",
                false)))).isEmpty();

        assertThat(failures(batch(second))).as("the publication queues its one page").isEmpty();
        SQSEvent page = messages(queue.take().stream().map(bodies::body).toArray(String[]::new));
        assertThat(page.getRecords()).hasSize(1);
        open.set(false);
        assertThat(failures(page)).as("over the send rate: the page comes back").containsExactly("m0");
        open.set(true);
        assertThat(failures(page)).isEmpty();
        assertThat(failures(page)).as("the page redelivered").isEmpty();

        assertThat(sender.sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("ada@example.com");
            assertThat(m.text()).contains("https://shop.example/?drop=d2&access=v1.");
        });
        assertThat(records.events()).hasSize(3);
    }

    @Test
    void sesBouncesAndComplaints_suppress_butATransientBounceDoesNot() {
        SQSEvent feedback = messages(
                ses("Bounce", "\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"Gone@Example.com\"}]}"),
                ses("Complaint", "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"angry@example.com\"}]}"),
                ses("Bounce", "\"bounce\":{\"bounceType\":\"Transient\",\"bouncedRecipients\":[{\"emailAddress\":\"full@example.com\"}]}"),
                ses("Delivery", "\"delivery\":{}"));

        assertThat(failures(feedback)).isEmpty();

        assertThat(suppressions.suppressed("gone@example.com")).isTrue();
        assertThat(suppressions.suppressed("angry@example.com")).isTrue();
        assertThat(suppressions.suppressed("full@example.com")).isFalse();
    }

    @Test
    void poison_comesBack_forTheDeadLetterQueue_andKeepsNothing() {
        SQSEvent poison = messages("not json", "[]", "{\"source\":\"elsewhere\",\"detail-type\":\"OrderPaid\"}",
                "{\"source\":\"microdrop\",\"detail-type\":\"OrderPaid\",\"detail\":{\"eventId\":\"e\"}}",
                "{\"source\":\"microdrop\",\"detail-type\":\"Invented\",\"detail\":{}}",
                "{\"source\":\"microdrop.shop\",\"detail-type\":\"AnnouncePage\",\"detail\":{\"dropId\":\"d\"}}");

        assertThat(failures(poison)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
        assertThat(records.events()).isEmpty();
    }

    private List<String> failures(SQSEvent event) {
        SQSBatchResponse response = handler.apply(event);
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private static DomainEvent.DropPublished published(String dropId, Instant opensAt, Instant earlyAccessOpensAt) {
        return new DomainEvent.DropPublished("evt_" + dropId + "_DropPublished_1", opensAt.minus(Duration.ofDays(1)),
                dropId, "Drop " + dropId, earlyAccessOpensAt, opensAt, opensAt.plus(Duration.ofDays(1)), 100,
                List.of(), null);
    }

    private static SQSEvent batch(DomainEvent... events) {
        return messages(java.util.Arrays.stream(events).map(e -> "{\"version\":\"0\",\"source\":\"microdrop\","
                + "\"detail-type\":\"" + e.type() + "\",\"detail\":" + OutboxItems.detail(e) + "}").toArray(String[]::new));
    }

    private static String ses(String type, String body) {
        return "{\"source\":\"aws.ses\",\"detail-type\":\"Email " + type + "\",\"detail\":{\"eventType\":\"" + type
                + "\",\"mail\":{\"messageId\":\"m\"}," + body + "}}";
    }

    private static SQSEvent messages(String... bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
