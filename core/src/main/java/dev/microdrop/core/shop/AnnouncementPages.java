package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The fan-out of a publication to a large audience. One delivery mails at most {@link Announcer#PER_DELIVERY}
 * members and a message comes back at most a few times before the dead-letter queue, so one publication cannot tell
 * everyone in its own delivery: it is split into pages of the subscribed audience, each page a message of its own.
 *
 * <ul>
 *   <li>{@link #split}: the audience in pages of {@link #PAGE_SIZE} members, by the buyer-id cursor the audience's
 *       index pages by ({@link AudienceMembers#subscribed(BuyerId, BuyerId, int)}); the last page is open-ended, so
 *       a member who subscribes while the pages are out is in one page still. Nothing to split when no mail of the
 *       publication is still worth sending, or when a later publication of the drop superseded it.</li>
 *   <li>{@link #deliver}: one page, as its drop's latest publication says: the loyalty passes of its eligible
 *       members first, then "opens soon" to the others (a pass holder is told already, so the news skips them).
 *       A page of a superseded publication mails nothing: the later publication has pages of its own.</li>
 * </ul>
 *
 * A publication that moved a drop's times is split too while the drop is open, for its {@link NewTimes}.
 *
 * <p>A page is small enough for one delivery ({@link #PAGE_SIZE} is {@link Announcer#PER_DELIVERY}); when the send
 * rate says otherwise it comes back, as a publication did before, and goes on where it stopped.
 */
public final class AnnouncementPages {

    /** Members a page lists: one delivery's worth of mail. */
    public static final int PAGE_SIZE = Announcer.PER_DELIVERY;

    private final ShopRecords records;
    private final AudienceMembers members;
    private final LoyaltyPasses passes;
    private final DropAnnouncements announcements;
    private final NewTimes newTimes;
    private final AnnouncementQueue queue;
    private final Clock clock;

    public AnnouncementPages(ShopRecords records, AudienceMembers members, LoyaltyPasses passes,
            DropAnnouncements announcements, NewTimes newTimes, AnnouncementQueue queue, Clock clock) {
        this.records = records;
        this.members = members;
        this.passes = passes;
        this.announcements = announcements;
        this.newTimes = newTimes;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Splits {@code published} (kept already) into pages and queues them, then records the split; the number of
     * pages. A publication whose split is recorded queues nothing again. One that comes back between the queueing and
     * the record queues the same pages again, which mail no one.
     */
    public int fanOut(DomainEvent.DropPublished published) {
        java.util.OptionalInt done = records.split(published.eventId());
        if (done.isPresent()) {
            return done.getAsInt();
        }
        List<AnnouncePage> pages = split(published);
        if (!pages.isEmpty()) {
            queue.enqueue(pages);
        }
        records.split(published.eventId(), pages.size());
        return pages.size();
    }

    /** The pages of {@code published}: none when it is superseded or nothing of it is worth mailing now. */
    public List<AnnouncePage> split(DomainEvent.DropPublished published) {
        Instant now = clock.instant();
        if (!isLatest(published) || !(worthMailing(published, now)
                || (newTimes.current(published, now) && newTimes.moved(published).isPresent()))) {
            return List.of();
        }
        return pages(members, (after, until) -> new AnnouncePage(published.dropId(), published.eventId(), after, until));
    }

    /**
     * The subscribed audience in pages of {@link #PAGE_SIZE}, by the buyer-id cursor of its index: each page made by
     * {@code page} from its {@code after} and {@code until}; the last is open-ended (until null), so a member who
     * subscribes while the pages are out is in one page still. At least one page. What a publication and a restock
     * alert split the same way.
     */
    static List<AnnouncePage> pages(AudienceMembers members, BiFunction<BuyerId, BuyerId, AnnouncePage> page) {
        List<AnnouncePage> pages = new ArrayList<>();
        BuyerId after = null;
        while (true) {
            List<AudienceMember> listed = members.subscribed(after, null, PAGE_SIZE);
            if (listed.size() < PAGE_SIZE) {
                pages.add(page.apply(after, null));
                return pages;
            }
            BuyerId last = listed.getLast().buyerId();
            pages.add(page.apply(after, last));
            after = last;
        }
    }

    /**
     * Tells one page's members, passes first: {@code Passes} when they must wait (the page comes back), {@code
     * Announced} when both went, {@code Kept} for a page of a superseded publication. When the publication moved the
     * drop's times, the page's members told before it get the new times first ({@link NewTimes}), and neither a
     * second pass nor the news: {@code Rescheduled}.
     */
    public ShopEvents.Outcome deliver(AnnouncePage page) {
        DomainEvent.DropPublished drop = ShopHistories.latest(records.publications()).get(page.dropId());
        if (drop == null || !drop.eventId().equals(page.publicationId())) {
            return new ShopEvents.Kept();
        }
        List<AudienceMember> listed = members.subscribed(page.after(), page.until(), Integer.MAX_VALUE);
        Optional<NewTimes.Change> change = newTimes.moved(drop);
        if (change.isEmpty()) {
            return passesThenNews(drop, listed);
        }
        Set<BuyerId> toldBefore = newTimes.toldBefore(change.get());
        Map<Boolean, List<AudienceMember>> told = listed.stream()
                .collect(Collectors.partitioningBy(m -> toldBefore.contains(m.buyerId())));
        LoyaltyPasses.Outcome moved = newTimes.tell(drop, change.get(), told.get(true));
        if (moved instanceof LoyaltyPasses.Throttled || moved instanceof LoyaltyPasses.InFlight) {
            return new ShopEvents.Rescheduled(moved, new ShopEvents.Kept());
        }
        return new ShopEvents.Rescheduled(moved, passesThenNews(drop, told.get(false)));
    }

    private ShopEvents.Outcome passesThenNews(DomainEvent.DropPublished drop, List<AudienceMember> listed) {
        LoyaltyPasses.Outcome told = passes.dropPublished(drop, listed);
        if (told instanceof LoyaltyPasses.Throttled || told instanceof LoyaltyPasses.InFlight) {
            return new ShopEvents.Passes(told);
        }
        return new ShopEvents.Announced(told, announcements.dropPublished(drop, listed));
    }

    private boolean isLatest(DomainEvent.DropPublished published) {
        DomainEvent.DropPublished latest = ShopHistories.latest(records.publications()).get(published.dropId());
        return latest == null || latest.eventId().equals(published.eventId());
    }

    /** Before the drop's first sale, a pass or its news is still news. */
    private static boolean worthMailing(DomainEvent.DropPublished drop, Instant now) {
        return now.isBefore(drop.firstSaleAt()) || (drop.earlyAccessOpensAt() != null && now.isBefore(drop.opensAt()));
    }
}
