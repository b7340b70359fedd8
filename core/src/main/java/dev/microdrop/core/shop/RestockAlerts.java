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
import java.util.OptionalInt;
import java.util.Set;

/**
 * Restock alerts: a SKU that sold out and is on sale again (its waitlist served first) is news for the audience the
 * drop is for ({@link DropAudience}), once per sold-out episode. Marketing, by the same path as the "opens soon" mail
 * ({@link Announcer}: consent, suppression, the one-click unsubscribe, once per mail, paced), with the drop's link.
 *
 * <p>Events come at least once and in any order, so what is due is folded from every {@code SoldOut} and {@code
 * BackInStock} the shop kept of the SKU, by {@code occurredAt} ({@link #due}), whichever of them just came: the SKU's
 * episode is its latest sold-out, and it is back when a back-in-stock came after it. A back-in-stock older than the
 * latest sold-out is old news: nothing.
 *
 * <p>Fanned out as a publication is ({@link AnnouncementPages}), so an audience of any size is alerted:
 *
 * <ul>
 *   <li>{@link #stockChanged}: an episode due is split into pages of the subscribed audience ({@link
 *       AnnouncementPages#pages}), each naming the episode ({@link AnnouncePage.Restock}), queued on the {@link
 *       AnnouncementQueue}; then the split is recorded under the episode's id ({@link ShopRecords#split}), so another
 *       back-in-stock of the same episode, or a redelivery, queues nothing again.</li>
 *   <li>{@link #deliver}: one page, when its episode is still the SKU's due one (a page of an episode that sold out
 *       again since mails nothing: a later episode has pages of its own), to its members the drop is for.</li>
 * </ul>
 *
 * The alert's subject names the episode (when it sold out, to the second), so a page delivered twice mails no one
 * twice (the {@link Notifier}'s send record), and a later sold-out that comes back is a new alert.
 */
public final class RestockAlerts {

    public static final Set<NotificationKind> KINDS = Set.of(NotificationKind.RESTOCK_ALERT);

    /** The most characters of the SKU's names in a subject, which is at most 200 characters. */
    private static final int MAX_NAMES = 120;

    /** A SKU back in stock after it sold out at {@code soldOutAt} ({@code soldOutId}): what one alert is about. */
    record Episode(String dropId, String sku, Instant soldOutAt, String soldOutId, DomainEvent.BackInStock back) {

        AnnouncePage.Restock restock() {
            return new AnnouncePage.Restock(sku, soldOutId);
        }
    }

    private final ShopRecords records;
    private final AudienceMembers members;
    private final Notifier notifier;
    private final Pacing pacing;
    private final AnnouncementQueue queue;
    private final URI storefront;
    private final Clock clock;

    public RestockAlerts(ShopRecords records, AudienceMembers members, Notifier notifier, Pacing pacing,
            AnnouncementQueue queue, URI storefront, Clock clock) {
        this.records = records;
        this.members = members;
        this.notifier = notifier;
        this.pacing = pacing;
        this.queue = queue;
        this.storefront = storefront;
        this.clock = clock;
    }

    /**
     * When the SKU is back after it sold out, splits the drop's audience into pages for the episode and queues them,
     * then records the split: the number of pages (those recorded before, when the episode was split already, and
     * nothing is queued again). Empty when no alert is due (never sold out, sold out again, the drop unknown to the
     * shop or closed). One that comes back between the queueing and the record queues the same pages again, which
     * mail no one twice.
     */
    public OptionalInt stockChanged(String dropId, String sku) {
        Optional<Episode> due = due(records.stockEvents(dropId, sku));
        DomainEvent.DropPublished drop = ShopHistories.latest(records.publications()).get(dropId);
        if (due.isEmpty() || drop == null || !clock.instant().isBefore(drop.closesAt())) {
            return OptionalInt.empty();
        }
        AnnouncePage.Restock restock = due.get().restock();
        OptionalInt done = records.split(restock.id(dropId));
        if (done.isPresent()) {
            return done;
        }
        List<AnnouncePage> pages = AnnouncementPages.pages(members,
                (after, until) -> new AnnouncePage(dropId, drop.eventId(), after, until, restock));
        queue.enqueue(pages);
        records.split(restock.id(dropId), pages.size());
        return OptionalInt.of(pages.size());
    }

    /**
     * Alerts one page's members the drop is for, when the page's episode is still the SKU's due one and the drop is
     * open: {@code Alerted} with what the mails came to ({@code Throttled} or {@code InFlight}: the page comes back
     * and goes on where it stopped); {@code Kept} for a page of an episode superseded (sold out again since, or a
     * later episode due) or of a drop closed or unknown.
     */
    public ShopEvents.Outcome deliver(AnnouncePage page) {
        AnnouncePage.Restock restock = java.util.Objects.requireNonNull(page.restock(), "not a restock alert's page");
        Optional<Episode> due = due(records.stockEvents(page.dropId(), restock.sku()))
                .filter(episode -> episode.soldOutId().equals(restock.soldOutId()));
        DomainEvent.DropPublished drop = ShopHistories.latest(records.publications()).get(page.dropId());
        Instant now = clock.instant();
        if (due.isEmpty() || drop == null || !now.isBefore(drop.closesAt())) {
            return new ShopEvents.Kept();
        }
        Episode episode = due.get();
        List<AudienceMember> audience = members.subscribed(page.after(), page.until(), Integer.MAX_VALUE).stream()
                .filter(m -> DropAudience.chosen(m, drop)).toList();
        return new ShopEvents.Alerted(new Announcer(records, notifier, pacing, false)
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
                .map(back -> new Episode(out.dropId(), out.sku(), out.occurredAt(), out.eventId(), back)));
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
        // The episode in the subject, to the second: with the kind and the recipient it names the mail, once per
        // sold-out, even two sold-outs a minute apart.
        return Notification.marketing(NotificationKind.RESTOCK_ALERT, member.email(),
                "Back in stock: " + names + " (sold out " + DropLinks.second(episode.soldOutAt()) + ")", model);
    }
}
