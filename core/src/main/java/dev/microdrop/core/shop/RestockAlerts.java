package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.AudienceMembers;
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
import java.util.Optional;
import java.util.Set;

/**
 * Restock alerts: a SKU that sold out and is on sale again (its waitlist served first) is news for the audience the
 * drop is for ({@link DropAudience}), once per sold-out episode. Marketing, by the same path as the "opens soon" mail
 * ({@link Announcer}: consent, suppression, the one-click unsubscribe, once per mail, paced), with the drop's link.
 *
 * <p>Events come at least once and in any order, so what is due is folded from every {@code SoldOut} and {@code
 * BackInStock} the shop kept of the SKU, by {@code occurredAt} ({@link #due}), whichever of them just came: the SKU's
 * episode is its latest sold-out, and it is back when a back-in-stock came after it. The alert's subject names the
 * episode (when it sold out), so a redelivery, or another back-in-stock of the same episode, mails no one twice
 * (the {@link Notifier}'s send record), and a later sold-out that comes back is a new alert. A back-in-stock older
 * than the latest sold-out is old news: nothing.
 */
public final class RestockAlerts {

    public static final Set<NotificationKind> KINDS = Set.of(NotificationKind.RESTOCK_ALERT);

    /** The most characters of the SKU's names in a subject, which is at most 200 characters. */
    private static final int MAX_NAMES = 120;

    /** A SKU back in stock after it sold out at {@code soldOutAt}: what one alert is about. */
    record Episode(String dropId, String sku, Instant soldOutAt, DomainEvent.BackInStock back) {
    }

    private final ShopRecords records;
    private final AudienceMembers members;
    private final Notifier notifier;
    private final Pacing pacing;
    private final URI storefront;
    private final Clock clock;

    public RestockAlerts(ShopRecords records, AudienceMembers members, Notifier notifier, Pacing pacing,
            URI storefront, Clock clock) {
        this.records = records;
        this.members = members;
        this.notifier = notifier;
        this.pacing = pacing;
        this.storefront = storefront;
        this.clock = clock;
    }

    /**
     * Alerts the drop's audience when the SKU is back after it sold out; empty when no alert is due (never sold out,
     * sold out again, the drop unknown to the shop or closed).
     */
    public Optional<LoyaltyPasses.Outcome> stockChanged(String dropId, String sku) {
        Optional<Episode> due = due(records.stockEvents(dropId, sku));
        DomainEvent.DropPublished drop = ShopHistories.latest(records.publications()).get(dropId);
        Instant now = clock.instant();
        if (due.isEmpty() || drop == null || !now.isBefore(drop.closesAt())) {
            return Optional.empty();
        }
        Episode episode = due.get();
        List<AudienceMember> audience = members.subscribed().stream().filter(m -> DropAudience.chosen(m, drop))
                .toList();
        return Optional.of(new Announcer(records, notifier, pacing, false)
                .tell(drop, audience, member -> mail(drop, episode, member), now));
    }

    /**
     * The episode a SKU's stock events call for an alert in, if any: its latest {@code SoldOut} (by time, then id),
     * and a {@code BackInStock} after it (the latest, for its names). Order-free: the same events in any order, or
     * repeated, give the same answer.
     */
    static Optional<Episode> due(List<DomainEvent> stockEvents) {
        Optional<DomainEvent.SoldOut> soldOut = stockEvents.stream().filter(DomainEvent.SoldOut.class::isInstance)
                .map(DomainEvent.SoldOut.class::cast)
                .max(Comparator.comparing(DomainEvent.SoldOut::occurredAt).thenComparing(DomainEvent.SoldOut::eventId));
        return soldOut.flatMap(out -> stockEvents.stream().filter(DomainEvent.BackInStock.class::isInstance)
                .map(DomainEvent.BackInStock.class::cast)
                .filter(back -> back.occurredAt().isAfter(out.occurredAt()))
                .max(Comparator.comparing(DomainEvent.BackInStock::occurredAt)
                        .thenComparing(DomainEvent.BackInStock::eventId))
                .map(back -> new Episode(out.dropId(), out.sku(), out.occurredAt(), back)));
    }

    private Notification mail(DomainEvent.DropPublished drop, Episode episode, AudienceMember member) {
        DomainEvent.BackInStock back = episode.back();
        String names = back.productName() + " " + back.variantName();
        if (names.length() > MAX_NAMES) {
            names = names.substring(0, MAX_NAMES - 1) + "…";
        }
        Map<String, Object> model = new HashMap<>();
        model.put("dropName", drop.name());
        model.put("productName", back.productName());
        model.put("variantName", back.variantName());
        model.put("soldOutAt", DropLinks.when(episode.soldOutAt()));
        model.put("closesAt", DropLinks.when(drop.closesAt()));
        model.put("link", DropLinks.link(drop, storefront, null));
        if (member.homeHubId() != null && drop.hubIds().contains(member.homeHubId())) {
            model.put("hubId", member.homeHubId());
        }
        // The episode in the subject: with the kind and the recipient it names the mail, once per sold-out.
        return Notification.marketing(NotificationKind.RESTOCK_ALERT, member.email(),
                "Back in stock: " + names + " (sold out " + DropLinks.when(episode.soldOutAt()) + ")", model);
    }
}
