package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.audience.MemberState;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Early-access passes, issued when a drop is published: every buyer the {@link LoyaltyRule} makes eligible gets an
 * access token for the drop's early window (valid until its public opening) and a mail with the storefront's link
 * carrying it. The pass is marketing: it goes only to buyers who are subscribed members of the shop's audience (the
 * {@link Notifier} checks the consent again, and adds the one-click unsubscribe), never to a suppressed address.
 *
 * <p>Once per buyer and drop: the notifier's send record makes a redelivered pass a no-op (a member told only the
 * drop's news still gets their pass). The tokens are the drop's own early-access tokens (the shop and its drops
 * share the buyer-id key), so the drop's checkout lets a pass holder into the insiders' tranche.
 */
public final class LoyaltyPasses {

    public static final Set<NotificationKind> KINDS = Set.of(NotificationKind.EARLY_ACCESS_PASS);


    /** What a drop's publication came to. */
    public sealed interface Outcome {
    }

    /**
     * Members told (passes handed out, or a drop announced): {@code mailed} now, {@code toldBefore} by an earlier delivery, {@code withoutConsent} eligible
     * buyers who are not subscribed (or whose address is suppressed): no mail.
     */
    public record Told(int eligible, int mailed, int toldBefore, int withoutConsent) implements Outcome {
    }

    /** The drop has no early window, or it is over (the public sale opened): no pass. */
    public record NoEarlyWindow() implements Outcome {
    }

    /** The send rate allows no more mail now: the event comes back, and the buyers not told yet are told then. */
    public record Throttled(int mailedSoFar) implements Outcome {
    }

    /** Another delivery is sending one of the passes: the event comes back after its lease. */
    public record InFlight(Instant retryAfter) implements Outcome {
    }

    private final ShopRecords records;
    private final AudienceMembers members;
    private final AccessTokens tokens;
    private final Notifier notifier;
    private final Pacing pacing;
    private final LoyaltyRule rule;
    private final URI storefront;
    private final Clock clock;

    public LoyaltyPasses(ShopRecords records, AudienceMembers members, AccessTokens tokens, Notifier notifier,
            Pacing pacing, LoyaltyRule rule, URI storefront, Clock clock) {
        this.records = records;
        this.members = members;
        this.tokens = tokens;
        this.notifier = notifier;
        this.pacing = pacing;
        this.rule = rule;
        this.storefront = storefront;
        this.clock = clock;
    }

    /** A drop was published: a pass for each eligible buyer not told yet. */
    public Outcome dropPublished(DomainEvent.DropPublished drop) {
        Instant now = clock.instant();
        if (!inEarlyWindowAhead(drop, now)) {
            return new NoEarlyWindow();
        }
        Set<BuyerId> eligible = rule.eligible(ShopHistories.fold(records), drop.dropId(), drop.opensAt());
        return passes(drop, eligible, now);
    }

    /**
     * A page of the subscribed audience ({@link AnnouncementPages}): a pass for each of its members the rule makes
     * eligible, as {@link #dropPublished(DomainEvent.DropPublished)} does for them all.
     */
    public Outcome dropPublished(DomainEvent.DropPublished drop, List<AudienceMember> page) {
        Instant now = clock.instant();
        if (!inEarlyWindowAhead(drop, now)) {
            return new NoEarlyWindow();
        }
        Set<BuyerId> eligible = rule.eligible(ShopHistories.fold(records), drop.dropId(), drop.opensAt());
        List<AudienceMember> holders = page.stream().filter(m -> eligible.contains(m.buyerId())).toList();
        return new Announcer(records, notifier, pacing, false).tell(drop, holders,
                member -> pass(drop, member.buyerId(), member.email()), now);
    }

    /**
     * A pre-order's deposit was paid ({@code PreorderReserved}, which names the order, not the buyer): its buyer, read
     * from the history only when a drop's early window is ahead, may now be owed a pass, as for {@link #qualified}.
     */
    public Outcome depositPaid(String orderId) {
        Instant now = clock.instant();
        Map<String, DomainEvent.DropPublished> upcoming = upcoming(now);
        if (upcoming.isEmpty()) {
            return new NoEarlyWindow();
        }
        ShopHistory history = ShopHistories.fold(records);
        return history.orders().stream().filter(o -> o.orderId().equals(orderId)).findFirst()
                .map(order -> qualified(order.buyerId(), upcoming, history, now)).orElseGet(NoEarlyWindow::new);
    }

    /**
     * Something changed for one buyer after a drop was announced: they paid for an order (they bought late in the last
     * drop), or they confirmed their subscription (a past buyer without consent had no pass). A drop already published
     * whose early window is still to come may now owe them a pass: one for each such drop they were not told about.
     * Nothing to do, and no history read, when no such drop exists.
     */
    public Outcome qualified(BuyerId buyer) {
        Instant now = clock.instant();
        Map<String, DomainEvent.DropPublished> upcoming = upcoming(now);
        if (upcoming.isEmpty()) {
            return new NoEarlyWindow();
        }
        return qualified(buyer, upcoming, ShopHistories.fold(records), now);
    }

    private Outcome qualified(BuyerId buyer, Map<String, DomainEvent.DropPublished> upcoming, ShopHistory history,
            Instant now) {
        int eligible = 0;
        int mailed = 0;
        int toldBefore = 0;
        int withoutConsent = 0;
        for (DomainEvent.DropPublished drop : upcoming.values().stream()
                .sorted(java.util.Comparator.comparing(DomainEvent.DropPublished::dropId)).toList()) {
            if (!rule.eligible(history, drop.dropId(), drop.opensAt()).contains(buyer)) {
                continue;
            }
            Outcome outcome = passes(drop, Set.of(buyer), now);
            if (!(outcome instanceof Told passes)) {
                return outcome;
            }
            eligible += passes.eligible();
            mailed += passes.mailed();
            toldBefore += passes.toldBefore();
            withoutConsent += passes.withoutConsent();
        }
        return new Told(eligible, mailed, toldBefore, withoutConsent);
    }

    /** The drops published whose early window is still ahead at {@code now}, by id (their latest publication). */
    private Map<String, DomainEvent.DropPublished> upcoming(Instant now) {
        Map<String, DomainEvent.DropPublished> upcoming = new HashMap<>(ShopHistories.latest(records.publications()));
        upcoming.values().removeIf(drop -> !inEarlyWindowAhead(drop, now));
        return upcoming;
    }

    /** The drop has an early window and its public sale has not opened yet: a pass is still worth something. */
    private static boolean inEarlyWindowAhead(DomainEvent.DropPublished drop, Instant now) {
        return drop.earlyAccessOpensAt() != null && now.isBefore(drop.opensAt());
    }

    private Outcome passes(DomainEvent.DropPublished drop, Set<BuyerId> eligible, Instant now) {
        List<AudienceMember> subscribed = new ArrayList<>();
        int withoutConsent = 0;
        for (BuyerId buyer : eligible) {
            Optional<AudienceMember> member = members.find(buyer).filter(m -> m.state() == MemberState.SUBSCRIBED);
            if (member.isPresent()) {
                subscribed.add(member.get());
            } else {
                withoutConsent++;
            }
        }
        Outcome told = new Announcer(records, notifier, pacing, false).tell(drop, subscribed,
                member -> pass(drop, member.buyerId(), member.email()), now);
        return told instanceof Told passes ? new Told(eligible.size(), passes.mailed(), passes.toldBefore(),
                passes.withoutConsent() + withoutConsent) : told;
    }

    /** The layer past buyers' passes open: the drop's {@code past-buyers} layer, or the insiders' own window. */
    static final String PAST_BUYERS = "past-buyers";

    /** A past buyer's token into the drop's early access (its {@code past-buyers} layer when it has one). */
    static String token(AccessTokens tokens, DomainEvent.DropPublished drop, BuyerId buyer) {
        return drop.layerOpensAt(PAST_BUYERS).isPresent()
                ? tokens.issue(drop.dropId(), buyer, drop.opensAt(), PAST_BUYERS)
                : tokens.issue(drop.dropId(), buyer, drop.opensAt());
    }

    /** When a past buyer's pass lets them in. */
    static Instant earlyAccessOpensAt(DomainEvent.DropPublished drop) {
        return drop.layerOpensAt(PAST_BUYERS).orElse(drop.earlyAccessOpensAt());
    }

    private Notification pass(DomainEvent.DropPublished drop, BuyerId buyer, String email) {
        String link = DropLinks.link(drop, storefront, token(tokens, drop, buyer));
        Map<String, Object> model = new HashMap<>();
        model.put("dropName", drop.name());
        model.put("earlyAccessOpensAt", DropLinks.when(earlyAccessOpensAt(drop)));
        model.put("opensAt", DropLinks.when(drop.opensAt()));
        model.put("link", link);
        return Notification.marketing(NotificationKind.EARLY_ACCESS_PASS, email,
                "Your early access to " + drop.name() + ", opening " + DropLinks.day(drop.opensAt()), model);
    }
}
