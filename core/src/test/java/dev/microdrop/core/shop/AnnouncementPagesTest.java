package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceConsents;
import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.RenderedMail;
import dev.microdrop.core.notification.SendKeys;
import dev.microdrop.core.testing.InMemoryAnnouncementQueue;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A publication's fan-out: pages that cover the audience once, each told once, passes before the news. */
class AnnouncementPagesTest {

    private static final byte[] KEY = "fan-out-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
    private static final BuyerIds IDS = new BuyerIds(KEY);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final Audience audience = new Audience(members, IDS, new LinkTokens(KEY), Audience.DEFAULT_CONFIRM_WINDOW);
    private final RecordingMailSender sender = new RecordingMailSender();
    private final Notifier notifier = new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
            new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")),
            new InMemorySuppressions(), new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE);
    private final LoyaltyPasses passes = new LoyaltyPasses(records, members, new AccessTokens(KEY), notifier,
            Pacing.unlimited(), LoyaltyRule.DEFAULT, URI.create("https://shop.example/"), clock);
    private final InMemoryAnnouncementQueue queue = new InMemoryAnnouncementQueue();
    private final AnnouncementPages pages = new AnnouncementPages(records, members, passes,
            new DropAnnouncements(records, members, new AccessTokens(KEY), notifier, Pacing.unlimited(),
                    URI.create("https://shop.example/"), clock),
            new NewTimes(records, new AccessTokens(KEY), notifier, Pacing.unlimited(), LoyaltyRule.DEFAULT,
                    URI.create("https://shop.example/"), clock), queue, clock);
    private final ShopEvents shop = new ShopEvents(records, passes, pages, new RestockAlerts(records, members, notifier,
            Pacing.unlimited(), queue, URI.create("https://shop.example/"), clock));

    private final DomainEvent.DropPublished past = published("d1", "evt_d1_DropPublished_1", T0.minus(Duration.ofDays(30)),
            T0.minus(Duration.ofDays(31)));
    private final DomainEvent.DropPublished next = published("d2", "evt_d2_DropPublished_1", T0.plus(Duration.ofDays(2)),
            T0);

    @Test
    void pages_coverEverySubscribedMemberOnce_noPageTwice_whateverTheSeed() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int size = 1 + random.nextInt(5 * AnnouncementPages.PAGE_SIZE);
        for (int i = 0; i < size; i++) {
            subscribe("fan" + i + "@example.com");
        }
        for (int i = 0; i < size / 7; i++) {
            audience.signUp("pending" + i + "@example.com", "v1", Set.of(), null, T0);
        }
        records.append(next);

        List<AnnouncePage> split = pages.split(next);

        assertThat(split).as("seed %d, %d members", seed, size).hasSize(size / AnnouncementPages.PAGE_SIZE + 1);
        assertThat(split).extracting(AnnouncePage::id).doesNotHaveDuplicates();
        assertThat(split).as("the same split again: the same pages").isEqualTo(pages.split(next));
        List<BuyerId> covered = new ArrayList<>();
        for (AnnouncePage page : split) {
            List<AudienceMember> listed = members.subscribed(page.after(), page.until(), Integer.MAX_VALUE);
            assertThat(listed).hasSizeLessThanOrEqualTo(AnnouncementPages.PAGE_SIZE);
            listed.forEach(m -> covered.add(m.buyerId()));
        }
        assertThat(covered).as("seed %d", seed).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(members.subscribed().stream().map(AudienceMember::buyerId).toList());
        assertThat(split.getLast().until()).as("the last page is open-ended: a member who joins later is in it").isNull();
    }

    @Test
    void aPublicationToAFewHundred_isToldOnceEach_queuedOnce_evenWhenItsPagesComeTwice_passesFirst() {
        int size = 3 * AnnouncementPages.PAGE_SIZE + 13;
        for (int i = 0; i < size; i++) {
            subscribe("fan" + i + "@example.com");
        }
        records.append(past);
        for (int i = 0; i < size; i += 10) {
            records.append(new DomainEvent.OrderPaid("evt_o" + i + "_OrderPaid", past.opensAt(), "d1", "o" + i,
                    IDS.of("fan" + i + "@example.com").value(), List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR",
                    "ship", false));
        }

        assertThat(shop.on(next)).isEqualTo(new ShopEvents.Paged(4));
        assertThat(shop.on(next)).as("the publication redelivered: its split is recorded")
                .isEqualTo(new ShopEvents.Paged(4));
        List<AnnouncePage> queued = new ArrayList<>(queue.take());
        assertThat(queued).as("queued once").hasSize(4);
        queued.addAll(pages.split(next));
        assertThat(queued.stream().map(AnnouncePage::id).collect(Collectors.toSet()))
                .as("split again (a redelivery before the split was recorded): the same pages").hasSize(4);
        Collections.shuffle(queued, new Random(7));
        queued.forEach(shop::on);

        Map<String, List<NotificationKind>> mails = sender.sent().stream().collect(
                Collectors.groupingBy(RenderedMail::to, HashMap::new,
                        Collectors.mapping(RenderedMail::kind, Collectors.toList())));
        assertThat(mails).hasSize(size).allSatisfy((to, kinds) -> {
            int i = Integer.parseInt(to.substring(3, to.indexOf('@')));
            assertThat(kinds).as(to).containsExactly(i % 10 == 0 ? NotificationKind.EARLY_ACCESS_PASS
                    : NotificationKind.DROP_OPENS_SOON);
        });
    }

    @Test
    void aPageOfAPublicationSuperseded_mailsNothing_andTheOlderPublicationSplitsIntoNothing() {
        subscribe("ada@example.com");
        shop.on(next);
        AnnouncePage old = queue.take().getFirst();
        DomainEvent.DropPublished moved = published("d2", "evt_d2_DropPublished_2", T0.plus(Duration.ofDays(3)),
                T0.plusSeconds(60));
        shop.on(moved);

        assertThat(shop.on(old)).isEqualTo(new ShopEvents.Kept());
        assertThat(pages.split(next)).as("superseded").isEmpty();
        assertThat(sender.sent()).isEmpty();
        assertThat(queue.take()).singleElement().extracting(AnnouncePage::publicationId).isEqualTo(moved.eventId());
    }

    @Test
    void aPublicationWhoseSaleBegan_splitsIntoNothing() {
        subscribe("ada@example.com");
        clock.advance(Duration.ofDays(3));

        assertThat(shop.on(next)).isEqualTo(new ShopEvents.Paged(0));
        assertThat(queue.take()).isEmpty();
    }

    @Test
    void aDropPublishedAgainWithOtherTimes_tellsWhoWasToldOnceEach_aPassHolderWithANewPass_aNewcomerTheNews() {
        subscribe("fan0@example.com");
        subscribe("fan1@example.com");
        records.append(past);
        records.append(new DomainEvent.OrderPaid("evt_o0_OrderPaid", past.opensAt(), "d1", "o0",
                IDS.of("fan0@example.com").value(), List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", "ship", false));
        deliverAll(next);
        String oldPass = token(mails("fan0@example.com").getFirst());
        clock.advance(Duration.ofHours(1));
        subscribe("late@example.com");
        DomainEvent.DropPublished moved = published("d2", "evt_d2_DropPublished_2", T0.plus(Duration.ofDays(3)),
                T0.plus(Duration.ofHours(1)));

        deliverAll(moved, moved);

        assertThat(kinds("fan0@example.com")).containsExactly(NotificationKind.EARLY_ACCESS_PASS,
                NotificationKind.DROP_RESCHEDULED);
        assertThat(kinds("fan1@example.com")).containsExactly(NotificationKind.DROP_OPENS_SOON,
                NotificationKind.DROP_RESCHEDULED);
        assertThat(mails("late@example.com")).as("told first by the new publication: its news has the new times")
                .singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo("Opening 2026-12-04: Drop d2"));
        RenderedMail newTimes = mails("fan0@example.com").getLast();
        assertThat(newTimes.subject())
                .isEqualTo("New times for Drop d2: opening 2026-12-04 18:00 UTC (update of 2026-12-01 19:00 UTC)");
        assertThat(newTimes.headers()).containsKey("List-Unsubscribe");
        BuyerId fan0 = IDS.of("fan0@example.com");
        Instant betweenTheOpenings = next.opensAt().plus(Duration.ofHours(1));
        AccessTokens tokens = new AccessTokens(KEY);
        assertThat(tokens.refusal(oldPass, "d2", fan0, betweenTheOpenings)).as("the old pass ends at the old opening")
                .isEqualTo("access token expired");
        assertThat(tokens.refusal(token(newTimes), "d2", fan0, betweenTheOpenings)).as("the new pass lasts").isNull();
        assertThat(mails("fan1@example.com").getLast().text()).contains("pass=false", "link=https://shop.example/?drop=d2,");

        clock.advance(Duration.ofHours(1));
        deliverAll(published("d2", "evt_d2_DropPublished_3", T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofHours(2))));
        assertThat(sender.sent()).as("published again with the same times: nothing more").hasSize(5);
        DomainEvent.DropPublished again = published("d2", "evt_d2_DropPublished_4", T0.plus(Duration.ofDays(4)),
                T0.plus(Duration.ofHours(2)));
        deliverAll(again, again);
        assertThat(sender.sent()).as("moved once more: one more mail each, the newcomer too").hasSize(8);
        assertThat(kinds("late@example.com")).containsExactly(NotificationKind.DROP_OPENS_SOON,
                NotificationKind.DROP_RESCHEDULED);
    }

    @Test
    void aDropMovedAfterItClosed_mailsNothing() {
        subscribe("fan1@example.com");
        deliverAll(next);
        clock.advance(Duration.ofDays(5));

        deliverAll(published("d2", "evt_d2_DropPublished_2", T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(5))));

        assertThat(sender.sent()).hasSize(1);
    }

    /** Each publication handled, then every page it queued delivered twice. */
    private void deliverAll(DomainEvent.DropPublished... publications) {
        for (DomainEvent.DropPublished publication : publications) {
            shop.on(publication);
        }
        for (AnnouncePage page : queue.take()) {
            shop.on(page);
            shop.on(page);
        }
    }

    private List<RenderedMail> mails(String to) {
        return sender.sent().stream().filter(m -> m.to().equals(to)).toList();
    }

    private List<NotificationKind> kinds(String to) {
        return mails(to).stream().map(RenderedMail::kind).toList();
    }

    private static String token(RenderedMail mail) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("access=([A-Za-z0-9._-]+)").matcher(mail.text());
        assertThat(matcher.find()).as(mail.subject()).isTrue();
        return matcher.group(1);
    }

    private void subscribe(String email) {
        SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(email, "v1", Set.of(), null, T0);
        audience.confirm(pending.confirmToken(), T0);
    }

    private static DomainEvent.DropPublished published(String dropId, String eventId, Instant opensAt,
            Instant occurredAt) {
        return new DomainEvent.DropPublished(eventId, occurredAt, dropId, "Drop " + dropId,
                opensAt.minus(Duration.ofHours(1)), opensAt, opensAt.plus(Duration.ofDays(1)), 100, List.of(), null);
    }
}
