package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A drop published again with other times (a later {@code DropPublished} of the same drop, whose early access,
 * opening, close or layers differ from the publication before it): whoever was told about the drop before that
 * publication (a pass or its news) gets one "new times" mail, once per member and change of times (its subject names
 * the new opening and the moment of the publication that made the change, and the notifier sends a subject once per
 * recipient): published again with the same times, nothing more is sent; moved again, one more mail.
 *
 * <p>A pass names its expiry, the public opening it was issued for ({@link AccessTokens}): moved later, the old pass
 * stops at the old opening, before the new early window is over, or before it begins. So a member the loyalty rule
 * makes eligible for the new times gets a new pass in the mail, while the early window is still ahead; a member told
 * only the news gets the drop's link, with their pass into the {@code audience} layer when the drop has one, as the
 * news carried it. Nothing is mailed once the drop has closed.
 *
 * <p>Members told first after the new publication was made are told by it (their pass or news carries the new
 * times) and are not written to again. A member told by the old publication's last pages after the new one was made,
 * before it reached the shop, got the old times and is not told the new ones (the pages of a superseded publication
 * stop as soon as the shop has the new one).
 */
public final class NewTimes {

    public static final Set<NotificationKind> KINDS = Set.of(NotificationKind.DROP_RESCHEDULED);

    private final ShopRecords records;
    private final AccessTokens tokens;
    private final Notifier notifier;
    private final Pacing pacing;
    private final LoyaltyRule rule;
    private final URI storefront;
    private final Clock clock;

    public NewTimes(ShopRecords records, AccessTokens tokens, Notifier notifier, Pacing pacing, LoyaltyRule rule,
            URI storefront, Clock clock) {
        this.records = records;
        this.tokens = tokens;
        this.notifier = notifier;
        this.pacing = pacing;
        this.rule = rule;
        this.storefront = storefront;
        this.clock = clock;
    }

    /**
     * A change of the drop's times: {@code since} is the publication that set the times {@code drop} says (the first
     * of the run of publications up to {@code drop} that all say them), {@code previous} the one before it, which
     * said other times.
     */
    public record Change(DomainEvent.DropPublished previous, DomainEvent.DropPublished since) {
    }

    /**
     * The change that gave the drop the times {@code drop} says; empty when no earlier publication said other times.
     * Published again with the same times, the change is the same, so its mails are not sent again.
     */
    public Optional<Change> moved(DomainEvent.DropPublished drop) {
        Comparator<DomainEvent.DropPublished> order = Comparator.comparing(DomainEvent.DropPublished::occurredAt)
                .thenComparing(DomainEvent.DropPublished::eventId);
        List<DomainEvent.DropPublished> before = records.publications().stream()
                .filter(p -> p.dropId().equals(drop.dropId()) && order.compare(p, drop) < 0)
                .sorted(order.reversed()).toList();
        DomainEvent.DropPublished since = drop;
        for (DomainEvent.DropPublished earlier : before) {
            if (!sameTimes(earlier, drop)) {
                return Optional.of(new Change(earlier, since));
            }
            since = earlier;
        }
        return Optional.empty();
    }

    /** Whether the drop's times are still worth telling at {@code now}: it has not closed. */
    boolean current(DomainEvent.DropPublished drop, Instant now) {
        return now.isBefore(drop.closesAt());
    }

    /** Who was told about the drop before its times changed (a notice without a time counts). */
    public Set<BuyerId> toldBefore(Change change) {
        return records.notified().stream()
                .filter(n -> n.dropId().equals(change.since().dropId()))
                .filter(n -> n.at() == null || n.at().isBefore(change.since().occurredAt()))
                .map(Notified::buyerId).collect(Collectors.toSet());
    }

    /** Tells {@code told} (members told before, of one page) the drop's new times, at most a delivery's worth. */
    public LoyaltyPasses.Outcome tell(DomainEvent.DropPublished drop, Change change, List<AudienceMember> told) {
        Instant now = clock.instant();
        if (!current(drop, now)) {
            return new LoyaltyPasses.NoEarlyWindow();
        }
        boolean passAhead = drop.earlyAccessOpensAt() != null && now.isBefore(drop.opensAt());
        Set<BuyerId> holders = !passAhead || told.isEmpty() ? Set.of()
                : rule.eligible(ShopHistories.fold(records), drop.dropId(), drop.opensAt());
        return new Announcer(records, notifier, pacing, false).tell(drop, told,
                member -> mail(drop, change, member, holders.contains(member.buyerId())), now);
    }

    private Notification mail(DomainEvent.DropPublished drop, Change change, AudienceMember member, boolean holder) {
        Map<String, Object> model = new HashMap<>();
        model.put("dropName", drop.name());
        model.put("opensAt", DropLinks.when(drop.opensAt()));
        model.put("closesAt", DropLinks.when(drop.closesAt()));
        model.put("previousOpensAt", DropLinks.when(change.previous().opensAt()));
        if (holder) {
            model.put("pass", Map.of("earlyAccessOpensAt", DropLinks.when(LoyaltyPasses.earlyAccessOpensAt(drop)),
                    "link", DropLinks.link(drop, storefront, LoyaltyPasses.token(tokens, drop, member.buyerId()))));
        } else {
            model.put("pass", false);
        }
        Optional<Instant> audienceOpens = holder ? Optional.empty() : drop.layerOpensAt(DropAnnouncements.AUDIENCE);
        model.put("link", DropLinks.link(drop, storefront, audienceOpens.isEmpty() ? null
                : tokens.issue(drop.dropId(), member.buyerId(), drop.opensAt(), DropAnnouncements.AUDIENCE)));
        model.put("audienceOpensAt", audienceOpens.<Object>map(DropLinks::when).orElse(false));
        return Notification.marketing(NotificationKind.DROP_RESCHEDULED, member.email(),
                "New times for " + drop.name() + ": opening " + DropLinks.when(drop.opensAt()) + " (update of "
                        + DropLinks.when(change.since().occurredAt()) + ")", model);
    }

    private static boolean sameTimes(DomainEvent.DropPublished a, DomainEvent.DropPublished b) {
        return Objects.equals(a.earlyAccessOpensAt(), b.earlyAccessOpensAt()) && a.opensAt().equals(b.opensAt())
                && a.closesAt().equals(b.closesAt()) && a.accessLayers().equals(b.accessLayers());
    }
}
