package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceConsents;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.events.DomainEvent;
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
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A SKU sold out then back in stock: one alert per sold-out episode to the audience the drop is for, in pages of the
 * audience queued once per episode, marketing (consent, suppression, the one-click unsubscribe), whatever order the
 * events come in and however often, and however often the pages come.
 */
class RestockAlertsTest {

    private static final byte[] KEY = "restock-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(2)));
    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final Audience audience = new Audience(members, new BuyerIds(KEY), new LinkTokens(KEY),
            Audience.DEFAULT_CONFIRM_WINDOW);
    private final InMemorySuppressions suppressions = new InMemorySuppressions();
    private final RecordingMailSender sender = new RecordingMailSender();
    private final InMemoryAnnouncementQueue queue = new InMemoryAnnouncementQueue();
    private final RestockAlerts alerts = new RestockAlerts(records, members,
            new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                    new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")), suppressions,
                    new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE),
            Pacing.unlimited(), queue, URI.create("https://shop.example/"), clock);
    private final ShopEvents shop = new ShopEvents(records, null, null, alerts);

    private final DomainEvent.DropPublished drop = new DomainEvent.DropPublished("evt_d_DropPublished_1",
            T0.minus(Duration.ofDays(7)), "d", "Neon Runners", null, T0, T0.plus(Duration.ofDays(1)), 100,
            List.of("kreuzberg"), "https://drop.example/", List.of(), List.of("running"));

    @Test
    void soldOutThenBack_mailsTheDropsAudienceOnce_withTheLinkAndTheUnsubscribe_redeliveredNothingMore() {
        subscribe("near@example.com", "kreuzberg");
        subscribe("runner@example.com", "hamburg", "running");
        subscribe("far@example.com", "hamburg", "denim");
        audience.signUp("pending@example.com", "v1", Set.of(), "kreuzberg", T0);
        subscribe("gone@example.com", "kreuzberg");
        unsubscribe("gone@example.com");
        records.append(drop);

        assertThat(shop.on(soldOut(1, "1"))).isEqualTo(new ShopEvents.Kept());
        assertThat(shop.on(back(2, "2"))).as("split into pages, mailing no one yet")
                .isEqualTo(new ShopEvents.Paged(1));
        assertThat(sender.sent()).isEmpty();
        List<AnnouncePage> pages = queue.take();
        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.restock()).isEqualTo(new AnnouncePage.Restock("NR-42", "evt_soldout_1"));
            assertThat(page.id()).isEqualTo("restock/d/NR-42/evt_soldout_1/first");
        });
        assertThat(shop.on(back(2, "2"))).as("redelivered").isEqualTo(new ShopEvents.Paged(1));
        assertThat(shop.on(soldOut(1, "1"))).as("redelivered").isEqualTo(new ShopEvents.Paged(1));
        assertThat(shop.on(back(3, "3"))).as("another back-in-stock of the episode").isEqualTo(new ShopEvents.Paged(1));
        assertThat(queue.take()).as("the episode's split is recorded: nothing queued again").isEmpty();

        assertThat(shop.on(pages.getFirst())).isEqualTo(new ShopEvents.Alerted(new LoyaltyPasses.Told(2, 2, 0, 0)));
        assertThat(shop.on(pages.getFirst())).as("the page redelivered").isEqualTo(new ShopEvents.Alerted(
                new LoyaltyPasses.Told(2, 0, 2, 0)));

        assertThat(sender.sent()).extracting(RenderedMail::to)
                .containsExactlyInAnyOrder("near@example.com", "runner@example.com");
        RenderedMail near = sender.sent().stream().filter(m -> m.to().equals("near@example.com")).findFirst()
                .orElseThrow();
        assertThat(near.subject()).isEqualTo("Back in stock: Neon Runner EU 42 (sold out 2026-12-05 11:00:00 UTC)");
        assertThat(near.text()).contains("link=https://drop.example/?drop=d", "hubId=kreuzberg",
                "dropName=Neon Runners", "closesAt=2026-12-06 10:00 UTC");
        assertThat(near.headers()).containsKeys("List-Unsubscribe", "List-Unsubscribe-Post");
    }

    @Test
    void aLargeAudience_isSplitIntoPagesThatCoverEveryMemberOnce_eachAlertedOnce_pagesDeliveredTwice() {
        int size = 2 * AnnouncementPages.PAGE_SIZE + 7;
        for (int i = 0; i < size; i++) {
            subscribe("fan" + i + "@example.com", null);
        }
        records.append(drop);
        shop.on(soldOut(1, "1"));

        assertThat(shop.on(back(2, "2"))).isEqualTo(new ShopEvents.Paged(3));

        List<AnnouncePage> pages = new ArrayList<>(queue.take());
        assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page.restock()).isNotNull())
                .extracting(AnnouncePage::id).doesNotHaveDuplicates();
        List<String> covered = new ArrayList<>();
        pages.forEach(page -> members.subscribed(page.after(), page.until(), Integer.MAX_VALUE)
                .forEach(m -> covered.add(m.buyerId().value())));
        assertThat(covered).doesNotHaveDuplicates().hasSize(size);
        assertThat(pages.getLast().until()).as("open-ended").isNull();
        pages.addAll(List.copyOf(pages));
        Collections.shuffle(pages, new Random(11));
        pages.forEach(shop::on);

        assertThat(sender.sent()).hasSize(size).extracting(RenderedMail::to).doesNotHaveDuplicates();
    }

    @Test
    void aPageOfAnEpisodeThatSoldOutAgain_mailsNothing_theLaterEpisodeHasPagesOfItsOwn() {
        AnnouncePage first = nearAndTheFirstEpisodeBack().getFirst();
        shop.on(soldOut(3, "3"));

        assertThat(shop.on(first)).as("sold out again before its page came").isEqualTo(new ShopEvents.Kept());
        assertThat(shop.on(back(4, "4"))).isEqualTo(new ShopEvents.Paged(1));
        AnnouncePage second = queue.take().getFirst();
        assertThat(shop.on(first)).as("a later episode is due now").isEqualTo(new ShopEvents.Kept());
        assertThat(shop.on(second)).isEqualTo(new ShopEvents.Alerted(new LoyaltyPasses.Told(1, 1, 0, 0)));

        assertThat(sender.sent()).extracting(RenderedMail::subject)
                .containsExactly("Back in stock: Neon Runner EU 42 (sold out 2026-12-05 13:00:00 UTC)");
    }

    @Test
    void eachSoldOutEpisode_thatComesBack_isOneAlert_evenTwoWithinAMinute() {
        nearAndTheFirstEpisodeBack().forEach(shop::on);
        shop.on(soldOut(3, "3"));
        assertThat(shop.on(back(2, "2"))).as("the first episode's news, once it sold out again: old")
                .isEqualTo(new ShopEvents.Kept());
        shop.on(back(4, "4"));
        shop.on(back(5, "5"));
        deliverAll();
        Instant minute = at(6);
        shop.on(new DomainEvent.SoldOut("evt_soldout_6a", minute.plusSeconds(7), "d", "NR-42"));
        shop.on(new DomainEvent.BackInStock("evt_back_6a", minute.plusSeconds(20), "d", "NR-42", "Neon Runner",
                "EU 42", 1));
        deliverAll();
        shop.on(new DomainEvent.SoldOut("evt_soldout_6b", minute.plusSeconds(50), "d", "NR-42"));
        shop.on(new DomainEvent.BackInStock("evt_back_6b", minute.plusSeconds(55), "d", "NR-42", "Neon Runner",
                "EU 42", 1));
        deliverAll();

        assertThat(sender.sent()).extracting(RenderedMail::subject).containsExactly(
                "Back in stock: Neon Runner EU 42 (sold out 2026-12-05 11:00:00 UTC)",
                "Back in stock: Neon Runner EU 42 (sold out 2026-12-05 13:00:00 UTC)",
                "Back in stock: Neon Runner EU 42 (sold out 2026-12-05 16:00:07 UTC)",
                "Back in stock: Neon Runner EU 42 (sold out 2026-12-05 16:00:50 UTC)");
    }

    @Test
    void aSoldOutThatComesAfterItsBackInStock_stillAlerts_andAnOlderBackInStockIsOldNews() {
        subscribe("near@example.com", "kreuzberg");
        records.append(drop);

        assertThat(shop.on(back(2, "2"))).as("nothing sold out yet, as far as the shop knows")
                .isEqualTo(new ShopEvents.Kept());
        assertThat(shop.on(soldOut(1, "1"))).isEqualTo(new ShopEvents.Paged(1));
        assertThat(deliverAll()).containsExactly(new ShopEvents.Alerted(new LoyaltyPasses.Told(1, 1, 0, 0)));
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void whatIsDue_isOrderFree_shuffledAndRepeated() {
        List<DomainEvent> events = List.of(soldOut(1, "1"), back(2, "2"), back(3, "3"), soldOut(4, "4"), back(5, "5"),
                back(6, "6"), soldOut(7, "7"), back(8, "8"));
        RestockAlerts.Episode expected = RestockAlerts.due(events).orElseThrow();
        assertThat(expected.soldOutAt()).isEqualTo(at(7));
        assertThat(expected.back().eventId()).isEqualTo("evt_back_8");
        long seed = System.nanoTime();
        System.out.println("RestockAlertsTest seed = " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            List<DomainEvent> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, random.nextInt(events.size())));
            Collections.shuffle(shuffled, random);
            assertThat(RestockAlerts.due(shuffled)).as("seed %d, %s", seed, shuffled).contains(expected);
        }
        assertThat(RestockAlerts.due(events.subList(0, 7))).as("sold out again: nothing due").isEmpty();
        assertThat(RestockAlerts.due(List.of(back(2, "2")))).as("never sold out").isEmpty();
    }

    @Test
    void noConsent_unsubscribed_orSuppressed_noMail() {
        subscribe("complained@example.com", "kreuzberg");
        subscribe("bounced@example.com", "kreuzberg");
        subscribe("gone@example.com", "kreuzberg");
        suppressions.suppress("complained@example.com", "complaint");
        suppressions.suppress("bounced@example.com", "bounce");
        unsubscribe("gone@example.com");
        audience.signUp("pending@example.com", "v1", Set.of(), "kreuzberg", T0);
        records.append(drop);

        shop.on(soldOut(1, "1"));
        shop.on(back(2, "2"));
        assertThat(deliverAll()).containsExactly(new ShopEvents.Alerted(new LoyaltyPasses.Told(2, 0, 0, 2)));

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void aDropTheShopDoesNotKnow_orOneClosed_alertsNoOne() {
        subscribe("near@example.com", "kreuzberg");
        shop.on(soldOut(1, "1"));
        assertThat(shop.on(back(2, "2"))).as("no publication kept").isEqualTo(new ShopEvents.Kept());

        records.append(drop);
        assertThat(shop.on(back(3, "3"))).isEqualTo(new ShopEvents.Paged(1));
        clock.advance(Duration.ofDays(2));
        assertThat(deliverAll()).as("a page that comes once the drop closed").containsExactly(new ShopEvents.Kept());
        assertThat(shop.on(soldOut(4, "4"))).isEqualTo(new ShopEvents.Kept());
        assertThat(shop.on(back(5, "5"))).as("closed").isEqualTo(new ShopEvents.Kept());
        assertThat(queue.take()).isEmpty();
        assertThat(sender.sent()).isEmpty();
    }

    /** A member near the drop, and the SKU sold out at 11:00, back at 12:00: the pages queued. */
    private List<AnnouncePage> nearAndTheFirstEpisodeBack() {
        subscribe("near@example.com", "kreuzberg");
        records.append(drop);
        shop.on(soldOut(1, "1"));
        shop.on(back(2, "2"));
        return queue.take();
    }

    /** Every page queued, delivered once: what each came to. */
    private List<ShopEvents.Outcome> deliverAll() {
        return queue.take().stream().map(shop::on).toList();
    }

    private static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static DomainEvent.SoldOut soldOut(int hours, String id) {
        return new DomainEvent.SoldOut("evt_soldout_" + id, at(hours), "d", "NR-42");
    }

    private static DomainEvent.BackInStock back(int hours, String id) {
        return new DomainEvent.BackInStock("evt_back_" + id, at(hours), "d", "NR-42", "Neon Runner", "EU 42", 2);
    }

    private void subscribe(String email, String hub, String... interests) {
        SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(email, "v1", Set.of(interests), hub,
                T0);
        audience.confirm(pending.confirmToken(), T0);
    }

    private void unsubscribe(String email) {
        String url = audience.unsubscribeUrl(new BuyerIds(KEY).of(email), URI.create("https://shop.example/u"))
                .toString();
        audience.unsubscribe(url.substring(url.indexOf("token=") + "token=".length()), T0);
    }
}
