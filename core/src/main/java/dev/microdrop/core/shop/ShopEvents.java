package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;

/**
 * The shop's door for its drops' events (forwarded from each drop's bus to the shop's): every event is kept for the
 * shop's history ({@link ShopRecords#append}, once per id); a published drop is split into pages of its audience,
 * each page a message of its own that hands out the page's loyalty passes and then its news ({@link
 * AnnouncementPages}), a purchase may earn its buyer the pass of a drop announced already ({@link
 * LoyaltyPasses#qualified}), and a SKU sold out then back in stock alerts the drop's audience, in pages as a
 * publication ({@link RestockAlerts}).
 * Keeping comes first, so a delivery that comes back (throttled, in flight) finds the event kept and only sends what
 * is left.
 */
public final class ShopEvents {

    /** What handling one event came to. */
    public sealed interface Outcome {
    }

    /** Kept; nothing else to do. */
    public record Kept() implements Outcome {
    }

    /** A drop was published: what its passes and its announcement came to. */
    public record Announced(LoyaltyPasses.Outcome passes, LoyaltyPasses.Outcome announcement) implements Outcome {
    }

    /** A buyer paid (or the passes of a publication must come back): what the loyalty passes came to. */
    public record Passes(LoyaltyPasses.Outcome passes) implements Outcome {
    }

    /** A page of a restock alert: what its mails came to. */
    public record Alerted(LoyaltyPasses.Outcome alerts) implements Outcome {
    }

    /**
     * A page of a publication that moved the drop's times: what the new times came to for the members told before,
     * then what the page's other members were told ({@code Kept} when the new times must come back first).
     */
    public record Rescheduled(LoyaltyPasses.Outcome newTimes, Outcome then) implements Outcome {
    }

    /**
     * A drop was published, or a SKU is back after it sold out: split into this many pages of its audience, queued
     * ({@link AnnouncementPages}, {@link RestockAlerts}).
     */
    public record Paged(int pages) implements Outcome {
    }

    private final ShopRecords records;
    private final LoyaltyPasses passes;
    private final AnnouncementPages pages;
    private final RestockAlerts restocks;

    public ShopEvents(ShopRecords records, LoyaltyPasses passes, AnnouncementPages pages, RestockAlerts restocks) {
        this.records = records;
        this.passes = passes;
        this.pages = pages;
        this.restocks = restocks;
    }

    /**
     * One page of a fan-out. A publication's: its passes, then its "opens soon" ({@link AnnouncementPages#deliver});
     * {@code Kept} when a later publication superseded the page's. A restock alert's ({@link AnnouncePage#restock()}
     * set): its alerts ({@link RestockAlerts#deliver}); {@code Kept} when the SKU sold out again since.
     */
    public Outcome on(AnnouncePage page) {
        return page.restock() != null ? restocks.deliver(page) : pages.deliver(page);
    }

    /**
     * Either event of a SKU's stock may complete an episode (they come in any order): the alert decides, and an
     * episode due is split into pages of the audience, once.
     */
    private Outcome restocked(String dropId, String sku) {
        java.util.OptionalInt pages = restocks.stockChanged(dropId, sku);
        return pages.isPresent() ? new Paged(pages.getAsInt()) : new Kept();
    }

    public Outcome on(DomainEvent event) {
        records.append(event);
        return switch (event) {
            case DomainEvent.DropPublished published -> new Paged(pages.fanOut(published));
            case DomainEvent.OrderPaid paid -> new Passes(passes.qualified(new BuyerId(paid.buyerId())));
            case DomainEvent.PreorderReserved reserved -> new Passes(passes.depositPaid(reserved.orderId()));
            case DomainEvent.SoldOut soldOut -> restocked(soldOut.dropId(), soldOut.sku());
            case DomainEvent.BackInStock back -> restocked(back.dropId(), back.sku());
            default -> new Kept();
        };
    }
}
