package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceConsents;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Passes for a new drop's early window go to the past drops' buyers who consented, once each; the link's token lets
 * its buyer (and only them) into the new drop until it opens to everyone.
 */
class LoyaltyPassesTest {

    private static final byte[] KEY = "loyalty-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
    private static final BuyerIds IDS = new BuyerIds(KEY);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final Audience audience = new Audience(members, IDS, new LinkTokens(KEY), Audience.DEFAULT_CONFIRM_WINDOW);
    private final InMemorySuppressions suppressions = new InMemorySuppressions();
    private final RecordingMailSender sender = new RecordingMailSender();
    private final AccessTokens tokens = new AccessTokens(KEY);
    private final AtomicInteger allowance = new AtomicInteger(Integer.MAX_VALUE);
    private final Pacing pacing = mails -> allowance.addAndGet(-mails) >= 0;
    private final LoyaltyPasses passes = new LoyaltyPasses(records, members, tokens,
            new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                    new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")), suppressions,
                    new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE),
            pacing, new LoyaltyRule(1), URI.create("https://shop.example/"), clock);
    private final DropAnnouncements announcements = new DropAnnouncements(records, members, tokens,
            new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                    new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")), suppressions,
                    new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE),
            pacing, URI.create("https://shop.example/"), clock);
    private final InMemoryAnnouncementQueue queue = new InMemoryAnnouncementQueue();
    private final ShopEvents shop = new ShopEvents(records, passes,
            new AnnouncementPages(records, members, passes, announcements, new NewTimes(records, tokens,
                    new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                            new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")),
                            suppressions, new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE),
                    pacing, new LoyaltyRule(1), URI.create("https://shop.example/"), clock),
                    queue, clock),
            new RestockAlerts(records, members,
                    new Notifier(new PlainMailTemplates(), sender, new InMemorySentMail(),
                            new AudienceConsents(audience, URI.create("https://shop.example/shop/unsubscribe")),
                            suppressions, new SendKeys(KEY), clock, Notifier.DEFAULT_LEASE),
                    pacing, queue, URI.create("https://shop.example/"), clock));

    /** The last page a publication queued, delivered again when the publication comes again (as the page would). */
    private AnnouncePage lastPage;

    /**
     * What the passes came to, whether the announcement followed or not; a publication's through its one page (the
     * audiences here are smaller than a page), which the test delivers at once, and again when the publication comes
     * again (its split is recorded, so it queues nothing more).
     */
    private LoyaltyPasses.Outcome passes(ShopEvents.Outcome outcome) {
        return switch (outcome) {
            case ShopEvents.Paged paged -> {
                List<AnnouncePage> pages = queue.take();
                assertThat(pages).hasSizeLessThanOrEqualTo(1);
                lastPage = pages.isEmpty() ? lastPage : pages.getFirst();
                yield paged.pages() == 0 ? new LoyaltyPasses.NoEarlyWindow() : passes(shop.on(lastPage));
            }
            case ShopEvents.Announced announced -> announced.passes();
            case ShopEvents.Passes passes -> passes.passes();
            case ShopEvents.Rescheduled rescheduled -> passes(rescheduled.then());
            case ShopEvents.Kept kept -> throw new AssertionError("not a publication nor a purchase");
            case ShopEvents.Alerted alerted -> throw new AssertionError("not a publication nor a purchase");
        };
    }

    private List<RenderedMail> passMails() {
        return sender.sent().stream().filter(m -> m.kind() == NotificationKind.EARLY_ACCESS_PASS).toList();
    }

    private final DomainEvent.DropPublished older = published("d0", T0.minus(Duration.ofDays(60)), null);
    private final DomainEvent.DropPublished first = published("d1", T0.minus(Duration.ofDays(30)), null);
    private final DomainEvent.DropPublished second = published("d2", T0.plus(Duration.ofHours(2)),
            T0.plus(Duration.ofHours(1)));

    @Test
    void theLastDropsSubscribedBuyersGetAPass_onceEach_andItWorksForThemOnlyUntilTheOpening() {
        history();

        LoyaltyPasses.Outcome outcome = passes(shop.on(second));

        assertThat(outcome).as("ada and cy bought d1; cy never confirmed (so is in no page of the subscribed audience);"
                + " bo was refunded; dee bought d0 only").isEqualTo(new LoyaltyPasses.Told(1, 1, 0, 0));
        RenderedMail mail = passMails().getFirst();
        assertThat(mail.to()).isEqualTo("ada@example.com");
        assertThat(mail.subject()).isEqualTo("Your early access to Drop d2, opening 2026-12-01");
        assertThat(mail.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .containsKey("List-Unsubscribe");
        String token = token(mail.text());
        assertThat(mail.text()).contains("https://shop.example/?drop=d2&access=");
        BuyerId ada = IDS.of("ada@example.com");
        assertThat(tokens.refusal(token, "d2", ada, T0.plus(Duration.ofMinutes(61)))).isNull();
        assertThat(tokens.refusal(token, "d2", IDS.of("cy@example.com"), T0.plus(Duration.ofMinutes(61))))
                .isEqualTo("access token belongs to another buyer");
        assertThat(tokens.refusal(token, "d1", ada, T0.plus(Duration.ofMinutes(61))))
                .isEqualTo("access token is for another drop");
        assertThat(tokens.refusal(token, "d2", ada, second.opensAt())).isEqualTo("access token expired");
        assertThat(records.notified()).as("ada by her pass; bo and dee, subscribed, by the announcement")
                .containsExactlyInAnyOrder(new Notified(ada, "d2", T0),
                        new Notified(IDS.of("bo@example.com"), "d2", T0), new Notified(IDS.of("dee@example.com"), "d2", T0));
        assertThat(sender.sent()).filteredOn(m -> m.kind() == NotificationKind.DROP_OPENS_SOON)
                .extracting(RenderedMail::to).containsExactlyInAnyOrder("bo@example.com", "dee@example.com");

        assertThat(passes(shop.on(second))).as("the event redelivered")
                .isEqualTo(new LoyaltyPasses.Told(1, 0, 1, 0));
        assertThat(passMails()).hasSize(1);
    }

    @Test
    void aBuyerWhoUnsubscribed_orWhoseAddressBounced_getsNoPass() {
        history();
        audience.unsubscribe(audience.unsubscribeUrl(IDS.of("ada@example.com"), URI.create("https://x/u")).getQuery()
                .substring("token=".length()), T0);

        assertThat(passes(shop.on(second))).as("neither ada, unsubscribed, nor cy, never subscribed, is in a page of"
                + " the subscribed audience").isEqualTo(new LoyaltyPasses.Told(0, 0, 0, 0));
        subscribe("cy@example.com");
        suppressions.suppress("cy@example.com", "bounce");
        assertThat(passes(shop.on(second))).as("cy, subscribed now, is listed, but the address bounced")
                .isEqualTo(new LoyaltyPasses.Told(1, 0, 0, 1));
        assertThat(passMails()).isEmpty();
    }

    @Test
    void overTheSendRate_theEventComesBack_andTheRestAreToldThen() {
        history();
        subscribe("cy@example.com");
        allowance.set(1);

        assertThat(passes(shop.on(second))).isEqualTo(new LoyaltyPasses.Throttled(1));
        allowance.set(10);
        assertThat(passes(shop.on(second)))
                .isEqualTo(new LoyaltyPasses.Told(2, 1, 1, 0));
        assertThat(passMails()).extracting(RenderedMail::to)
                .containsExactlyInAnyOrder("ada@example.com", "cy@example.com");
    }

    @Test
    void aBuyerWhoPaysForTheLastDrop_afterTheNextWasAnnounced_getsItsPassThen_once() {
        history();
        passes(shop.on(second));
        subscribe("eve@example.com");

        paid(first, "eve@example.com", "ord_late");
        paid(first, "eve@example.com", "ord_late");
        // Bo's d1 order was refunded, so d2's publication told Bo its news only; a new d1 order earns the pass.
        assertThat(sender.sent()).filteredOn(m -> m.kind() == NotificationKind.DROP_OPENS_SOON)
                .extracting(RenderedMail::to).contains("bo@example.com");
        paid(first, "bo@example.com", "ord_bo_again");

        assertThat(passMails()).extracting(RenderedMail::to)
                .containsExactly("ada@example.com", "eve@example.com", "bo@example.com");
        assertThat(shop.on(new DomainEvent.OrderPaid("evt_ord_9_OrderPaid", T0, "d2", "ord_9",
                IDS.of("fay@example.com").value(), List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", "ship", false)))
                .as("a purchase of the announced drop itself earns nothing more")
                .isEqualTo(new ShopEvents.Passes(new LoyaltyPasses.Told(0, 0, 0, 0)));
        clock.advance(Duration.ofHours(2));
        paid(first, "gus@example.com", "ord_later");
        assertThat(passMails()).as("once d2 opened to everyone, a pass is worth nothing").hasSize(3);
    }

    @Test
    void aPastBuyerWhoConfirmsTheirSubscription_afterTheAnnouncement_getsThePassThen() {
        history();
        passes(shop.on(second));
        assertThat(passMails()).extracting(RenderedMail::to).containsExactly("ada@example.com");

        SignUpOutcome.Pending cy = (SignUpOutcome.Pending) audience.signUp("cy@example.com", "v1", Set.of(), null, T0);
        audience.confirm(cy.confirmToken(), T0);
        assertThat(passes.qualified(IDS.of("cy@example.com"))).isEqualTo(new LoyaltyPasses.Told(1, 1, 0, 0));
        assertThat(passes.qualified(IDS.of("cy@example.com"))).as("again")
                .isEqualTo(new LoyaltyPasses.Told(1, 0, 1, 0));
        assertThat(passes.qualified(IDS.of("zed@example.com"))).as("never bought")
                .isEqualTo(new LoyaltyPasses.Told(0, 0, 0, 0));

        assertThat(passMails()).extracting(RenderedMail::to).containsExactly("ada@example.com", "cy@example.com");
    }

    @Test
    void aPreorderDepositPaidForTheLastDrop_afterTheNextWasAnnounced_earnsThePass() {
        history();
        passes(shop.on(second));
        subscribe("pre@example.com");
        String buyer = IDS.of("pre@example.com").value();
        shop.on(new DomainEvent.PreorderPlaced("evt_ord_pre_PreorderPlaced", T0, "d1", "ord_pre", buyer,
                List.of(new DomainEvent.Line("A", 1)), 2_500, 500, "EUR", T0.plusSeconds(600), "ship"));
        assertThat(passMails()).extracting(RenderedMail::to).doesNotContain("pre@example.com");

        assertThat(passes(shop.on(new DomainEvent.PreorderReserved("evt_ord_pre_PreorderReserved", T0, "d1",
                "ord_pre", List.of(new DomainEvent.Line("A", 1)), 500, "EUR"))))
                .isEqualTo(new LoyaltyPasses.Told(1, 1, 0, 0));
        assertThat(passMails()).extracting(RenderedMail::to).contains("pre@example.com");
    }

    @Test
    void withAPastBuyersLayer_thePassOpensAtThatLayer() {
        history();
        DomainEvent.DropPublished layered = new DomainEvent.DropPublished("evt_d2_DropPublished_2", T0, "d2",
                "Drop d2", second.earlyAccessOpensAt(), second.opensAt(), second.closesAt(), 100, List.of("kreuzberg"),
                null, List.of(new DomainEvent.AccessLayer("past-buyers", second.opensAt().minus(Duration.ofMinutes(30)))));

        passes(shop.on(layered));

        String token = token(passMails().getFirst().text());
        assertThat(tokens.layer(token)).contains("past-buyers");
        assertThat(passMails().getFirst().text()).contains("earlyAccessOpensAt=2026-12-01 19:30 UTC");
    }

    @Test
    void aDropWithoutEarlyAccess_orPublishedAfterItOpened_hasNoPasses() {
        history();
        assertThat(passes(shop.on(published("d3", T0.plusSeconds(600), null))))
                .isEqualTo(new LoyaltyPasses.NoEarlyWindow());
        clock.advance(Duration.ofHours(3));
        assertThat(passes(shop.on(second))).isEqualTo(new LoyaltyPasses.NoEarlyWindow());
        assertThat(passMails()).isEmpty();
        assertThat(records.events()).as("kept all the same").contains(second);
    }

    /** d0 then d1 happened: dee bought d0; ada and cy bought d1, bo bought and was refunded. Ada is subscribed. */
    private void history() {
        List.of(older, first).forEach(shop::on);
        paid(older, "dee@example.com", "ord_0");
        paid(first, "ada@example.com", "ord_1");
        paid(first, "cy@example.com", "ord_2");
        paid(first, "bo@example.com", "ord_3");
        shop.on(new DomainEvent.OrderRefunded("evt_ord_3_OrderRefunded", first.opensAt().plusSeconds(900), "d1",
                "ord_3", List.of(new DomainEvent.Line("A", 1)), true, "changed their mind"));
        subscribe("ada@example.com");
        subscribe("bo@example.com");
        subscribe("dee@example.com");
        audience.signUp("cy@example.com", "v1", Set.of(), null, T0);
    }

    private void subscribe(String email) {
        SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(email, "v1", Set.of(), null, T0);
        audience.confirm(pending.confirmToken(), T0);
    }

    private void paid(DomainEvent.DropPublished drop, String email, String orderId) {
        shop.on(new DomainEvent.OrderPaid("evt_" + orderId + "_OrderPaid", drop.opensAt().plusSeconds(60),
                drop.dropId(), orderId, IDS.of(email).value(), List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR",
                "pickup", false));
    }

    private static DomainEvent.DropPublished published(String dropId, Instant opensAt, Instant earlyAccessOpensAt) {
        return new DomainEvent.DropPublished("evt_" + dropId + "_DropPublished_1", opensAt.minus(Duration.ofDays(1)),
                dropId, "Drop " + dropId, earlyAccessOpensAt, opensAt, opensAt.plus(Duration.ofDays(1)), 100,
                List.of("kreuzberg"), null);
    }

    private static String token(String body) {
        Matcher m = Pattern.compile("access=([^,}\\s]+)").matcher(body);
        assertThat(m.find()).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
}
