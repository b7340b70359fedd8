package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceConsents;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.RenderedMail;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.testing.InMemoryAudienceMembers;
import dev.microdrop.core.testing.InMemorySentMail;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.core.testing.InMemorySuppressions;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.testing.PlainMailTemplates;
import dev.microdrop.core.testing.RecordingMailSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Opens soon" goes to the subscribed members near the drop, once each, with the one-click unsubscribe. */
class DropAnnouncementsTest {

    private static final byte[] KEY = "announce-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final Audience audience = new Audience(members, new BuyerIds(KEY), new LinkTokens(KEY),
            Audience.DEFAULT_CONFIRM_WINDOW);
    private final RecordingMailSender sender = new RecordingMailSender();
    private final Notifier notifier = new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
            new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")),
            new InMemorySuppressions(), new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE);
    private final DropAnnouncements announcements = new DropAnnouncements(records, members, new AccessTokens(KEY),
            notifier, Pacing.unlimited(), URI.create("https://shop.example/"), clock);

    private final DomainEvent.DropPublished kreuzberg = new DomainEvent.DropPublished("evt_d_DropPublished_1", T0,
            "d", "Neon Night", null, T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)), 100,
            List.of("kreuzberg"), "https://drop.example/");

    @Test
    void theMembersOfTheDropsHub_andThoseWhoNamedNone_areToldOnce_othersAndThePendingAreNot() {
        subscribe("near@example.com", "kreuzberg");
        subscribe("anywhere@example.com", null);
        subscribe("far@example.com", "hamburg");
        audience.signUp("pending@example.com", "v1", Set.of(), "kreuzberg", T0);

        assertThat(announcements.dropPublished(kreuzberg)).isEqualTo(new LoyaltyPasses.Told(2, 2, 0, 0));
        assertThat(announcements.dropPublished(kreuzberg)).as("redelivered").isEqualTo(new LoyaltyPasses.Told(2, 0, 2, 0));

        assertThat(sender.sent()).extracting(RenderedMail::to)
                .containsExactlyInAnyOrder("near@example.com", "anywhere@example.com");
        RenderedMail near = sender.sent().stream().filter(m -> m.to().equals("near@example.com")).findFirst()
                .orElseThrow();
        assertThat(near.subject()).isEqualTo("Opening 2026-12-03: Neon Night");
        assertThat(near.text()).contains("link=https://drop.example/?drop=d", "hubId=kreuzberg")
                .as("a drop without an audience layer: no pass").contains("audienceAccess=false");
        assertThat(near.headers()).containsKey("List-Unsubscribe");
        assertThat(records.notified()).hasSize(2);
    }

    @Test
    void aLargeAudience_isToldAFewDozenAtATime_theEventComingBackForTheRest() {
        for (int i = 0; i < Announcer.PER_DELIVERY + 5; i++) {
            subscribe("fan" + i + "@example.com", null);
        }

        assertThat(announcements.dropPublished(kreuzberg))
                .isEqualTo(new LoyaltyPasses.Throttled(Announcer.PER_DELIVERY));
        assertThat(announcements.dropPublished(kreuzberg))
                .isEqualTo(new LoyaltyPasses.Told(Announcer.PER_DELIVERY + 5, 5, Announcer.PER_DELIVERY, 0));
        assertThat(sender.sent()).hasSize(Announcer.PER_DELIVERY + 5);
    }

    @Test
    void aRedeliveryToMembersMailedBefore_neverWaitsOnTheSendRate() {
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        Pacing counted = mails -> {
            admitted.incrementAndGet();
            return open.get();
        };
        DropAnnouncements paced = new DropAnnouncements(records, members, new AccessTokens(KEY), notifier, counted,
                URI.create("https://shop.example/"), clock);
        for (int i = 0; i < Announcer.PER_DELIVERY; i++) {
            subscribe("fan" + i + "@example.com", null);
        }
        assertThat(paced.dropPublished(kreuzberg)).isEqualTo(new LoyaltyPasses.Told(Announcer.PER_DELIVERY,
                Announcer.PER_DELIVERY, 0, 0));
        assertThat(admitted).hasValue(Announcer.PER_DELIVERY);
        // Forgotten as told (as a page of another kind of mail would not know): only the send record knows.
        DropAnnouncements again = new DropAnnouncements(new InMemoryShopRecords(), members, new AccessTokens(KEY),
                notifier, counted, URI.create("https://shop.example/"), clock);
        open.set(false);

        assertThat(again.dropPublished(kreuzberg)).as("every mail sent before: no wait, no throttle")
                .isEqualTo(new LoyaltyPasses.Told(Announcer.PER_DELIVERY, 0, Announcer.PER_DELIVERY, 0));
        assertThat(admitted).as("the rate asked for none of them").hasValue(Announcer.PER_DELIVERY);
        assertThat(sender.sent()).hasSize(Announcer.PER_DELIVERY);
    }

    @Test
    void withAnAudienceLayer_theNewsCarriesTheMembersPassIntoIt() {
        subscribe("near@example.com", "kreuzberg");
        DomainEvent.DropPublished layered = new DomainEvent.DropPublished("evt_d_DropPublished_2", T0, "d",
                "Neon Night", T0.plus(Duration.ofHours(40)), T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)),
                100, List.of("kreuzberg"), "https://drop.example/",
                List.of(new DomainEvent.AccessLayer("audience", T0.plus(Duration.ofHours(47)))));

        announcements.dropPublished(layered);

        String text = sender.sent().getFirst().text();
        assertThat(text).contains("audienceAccess={").contains("opensAt=2026-12-03 17:00 UTC").contains("&access=");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("access=([^,}\\s]+)").matcher(text);
        assertThat(token.find()).isTrue();
        String pass = java.net.URLDecoder.decode(token.group(1), StandardCharsets.UTF_8);
        AccessTokens tokens = new AccessTokens(KEY);
        assertThat(tokens.layer(pass)).contains("audience");
        assertThat(tokens.refusal(pass, "d", new BuyerIds(KEY).of("near@example.com"), T0)).isNull();
    }

    @Test
    void aDropWhoseFirstSaleBegan_isNoNews() {
        subscribe("near@example.com", "kreuzberg");
        clock.advance(Duration.ofDays(2));

        assertThat(announcements.dropPublished(kreuzberg)).isEqualTo(new LoyaltyPasses.NoEarlyWindow());
        assertThat(sender.sent()).isEmpty();
    }

    private void subscribe(String email, String hub) {
        SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(email, "v1", Set.of(), hub, T0);
        audience.confirm(pending.confirmToken(), T0);
    }
}
