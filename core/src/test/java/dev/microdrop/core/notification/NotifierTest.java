package dev.microdrop.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.testing.InMemoryConsents;
import dev.microdrop.core.testing.InMemorySentMail;
import dev.microdrop.core.testing.InMemorySuppressions;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.PlainMailTemplates;
import dev.microdrop.core.testing.RecordingMailSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierTest {

    private static final byte[] KEY = "notifier-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T18:00:00Z"));
    private final RecordingMailSender sender = new RecordingMailSender();
    private final InMemorySentMail sentMail = new InMemorySentMail();
    private final InMemoryConsents consents = new InMemoryConsents();
    private final InMemorySuppressions suppressions = new InMemorySuppressions();
    private final Notifier notifier = new Notifier(new PlainMailTemplates(), sender, sentMail, consents, suppressions,
            new SendKeys(KEY), clock, LEASE);

    private static Notification receipt(String to) {
        return Notification.transactional(NotificationKind.ORDER_RECEIPT, to, "Your receipt for order ord_1",
                Map.of("orderId", "ord_1"));
    }

    @Test
    void send_twice_thenOneMail() {
        assertThat(notifier.send(receipt("ada@example.com"))).isInstanceOf(SendOutcome.Sent.class);
        assertThat(notifier.send(receipt("Ada@Example.com "))).as("the same address, written otherwise")
                .isInstanceOf(SendOutcome.AlreadySent.class);

        assertThat(sender.sent()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("ada@example.com"));
        assertThat(sentMail.records().values()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(SentMail.State.SENT));
    }

    @Test
    void send_afterACrashBetweenClaimAndSend_thenInFlightWithinTheLease_andSentOnceAfterIt() {
        Notification mail = receipt("ada@example.com");
        String key = new SendKeys(KEY).of(mail);
        // The crash: a delivery claimed the mail and died before sending.
        sentMail.claim(key, mail.kind(), clock.instant(), clock.instant().minus(LEASE));

        clock.advance(Duration.ofSeconds(30));
        assertThat(notifier.send(mail)).isEqualTo(new SendOutcome.InFlight(clock.instant().plusSeconds(90)));
        assertThat(sender.sent()).isEmpty();

        clock.advance(Duration.ofSeconds(90));
        assertThat(notifier.send(mail)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(notifier.send(mail)).isInstanceOf(SendOutcome.AlreadySent.class);
        assertThat(sender.sent()).hasSize(1);
        assertThat(sentMail.find(key)).hasValueSatisfying(r -> assertThat(r.attempts()).isEqualTo(2));
    }

    @Test
    void sendPaced_asksTheRateOnlyOnceClaimed_aMailSentBeforeCostsNoWait_aRefusalWithdrawsTheClaim() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Pacing refuses = mails -> {
            asked.incrementAndGet();
            return false;
        };
        Pacing admits = mails -> {
            asked.incrementAndGet();
            return true;
        };

        assertThat(notifier.send(receipt("ada@example.com"), refuses)).isEqualTo(new SendOutcome.Throttled());
        assertThat(asked).hasValue(1);
        assertThat(sender.sent()).isEmpty();
        assertThat(sentMail.records()).as("the claim withdrawn: the next delivery sends at once").isEmpty();
        assertThat(new SendOutcome.Throttled().settled()).isFalse();

        assertThat(notifier.send(receipt("ada@example.com"), admits)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(asked).hasValue(2);
        assertThat(notifier.send(receipt("ada@example.com"), refuses)).as("sent before: the rate is not asked")
                .isInstanceOf(SendOutcome.AlreadySent.class);
        suppressions.suppress("bo@example.com", "bounce");
        assertThat(notifier.send(receipt("bo@example.com"), refuses)).isInstanceOf(SendOutcome.Suppressed.class);
        assertThat(asked).hasValue(2);
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void send_whenTheServiceFails_thenTheClaimIsWithdrawn_andTheRetrySendsAtOnce() {
        sender.failWhen(m -> true);
        assertThatThrownBy(() -> notifier.send(receipt("ada@example.com"))).isInstanceOf(IllegalStateException.class);
        assertThat(sentMail.records()).isEmpty();

        sender.failWhen(m -> false);
        assertThat(notifier.send(receipt("ada@example.com"))).isInstanceOf(SendOutcome.Sent.class);
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void send_toAnAddressTheShopSuppressed_thenNothing_andASuppressionHereIsRecordedHere() {
        InMemorySuppressions shops = new InMemorySuppressions();
        Suppressions both = Suppressions.anyOf(suppressions, java.util.List.of(shops));
        Notifier dropNotifier = new Notifier(new PlainMailTemplates(), sender, sentMail, consents, both,
                new SendKeys(KEY), clock, LEASE);
        shops.suppress("ada@example.com", "bounce");

        assertThat(dropNotifier.send(receipt("ada@example.com"))).isInstanceOf(SendOutcome.Suppressed.class);
        both.suppress("bob@example.com", "complaint");
        assertThat(suppressions.suppressed("bob@example.com")).isTrue();
        assertThat(shops.suppressed("bob@example.com")).isFalse();
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void aComplaint_stopsMarketingOnly_aBounceStopsEverything() {
        suppressions.suppress("cy@example.com", Suppressions.COMPLAINT);
        suppressions.suppress("dee@example.com", "bounce");
        consents.consent("cy@example.com", URI.create("https://shop.example/u?token=cy"));

        assertThat(notifier.send(receipt("cy@example.com"))).as("their receipt").isInstanceOf(SendOutcome.Sent.class);
        assertThat(notifier.send(Notification.marketing(NotificationKind.DROP_OPENS_SOON, "cy@example.com",
                "Opening soon", Map.of()))).isInstanceOf(SendOutcome.Suppressed.class);
        assertThat(notifier.send(receipt("dee@example.com"))).isInstanceOf(SendOutcome.Suppressed.class);
        assertThat(sender.sent()).extracting(RenderedMail::to).containsExactly("cy@example.com");
    }

    @Test
    void send_toASuppressedAddress_thenNothing_transactionalIncluded() {
        suppressions.suppress("ada@example.com", "bounce");

        assertThat(notifier.send(receipt("ADA@example.com"))).isInstanceOf(SendOutcome.Suppressed.class);
        assertThat(sender.sent()).isEmpty();
        assertThat(sentMail.records()).isEmpty();
    }

    @Test
    void send_marketingWithoutConsent_thenNotSent_withConsent_thenOneClickUnsubscribe() {
        Notification news = new Notification(NotificationKind.WAITLIST_CLAIM_OFFERED, "ada@example.com",
                "Next drop on Friday", Map.of(), true);

        assertThat(notifier.send(news)).isInstanceOf(SendOutcome.NoConsent.class);
        assertThat(sender.sent()).isEmpty();

        consents.consent("ada@example.com", URI.create("https://shop.example/unsubscribe?t=abc"));
        assertThat(notifier.send(news)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(sender.sent()).singleElement().satisfies(m -> assertThat(m.headers())
                .containsEntry("List-Unsubscribe", "<https://shop.example/unsubscribe?t=abc>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    @Test
    void sendKey_isAKeyedHashOfKindRecipientAndSubject_neverTheAddress() {
        SendKeys keys = new SendKeys(KEY);
        String key = keys.of(receipt("ada@example.com"));

        assertThat(key).matches("[0-9a-f]{64}").doesNotContain("ada").doesNotContain("example");
        assertThat(keys.of(Notification.transactional(NotificationKind.ORDER_RECEIPT, "ada@example.com",
                "Your receipt for order ord_2", Map.of()))).as("another subject").isNotEqualTo(key);
        assertThat(keys.of(Notification.transactional(NotificationKind.PICKUP_READY, "ada@example.com",
                "Your receipt for order ord_1", Map.of()))).as("another kind").isNotEqualTo(key);
        assertThat(receipt("ada@example.com").toString()).doesNotContain("ada@");
    }
}
