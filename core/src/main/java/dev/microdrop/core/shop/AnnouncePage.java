package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import java.util.Objects;

/**
 * One page of a fan-out: the subscribed members whose buyer id comes after {@code after} (null: from the first) and
 * not after {@code until} (null: to the last). One queue message each. What the page tells them:
 *
 * <ul>
 *   <li>{@code restock} null: a publication's page, its members told about the drop as its publication {@code
 *       publicationId} says (its loyalty passes, then its "opens soon"; {@link AnnouncementPages});</li>
 *   <li>{@code restock} set: a restock alert's page, its members the drop is for told that the SKU that sold out in
 *       the episode {@code restock} names is back ({@link RestockAlerts}); {@code publicationId} is the drop's
 *       publication when it was split, for the logs (the page is told as the drop's latest says).</li>
 * </ul>
 *
 * <p>Its identity ({@link #id()}) follows from what it is for and the page's cursor only, so a publication or an
 * episode handled twice splits into the same pages, and a page delivered twice is the same page: its second delivery
 * finds its members told (the notifier's send record, once per kind, recipient and subject) and mails no one.
 */
public record AnnouncePage(String dropId, String publicationId, BuyerId after, BuyerId until, Restock restock) {

    /** The sold-out episode of one SKU an alert page is about: the SKU and the id of the episode's {@code SoldOut}. */
    public record Restock(String sku, String soldOutId) {

        public Restock {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(soldOutId, "soldOutId");
        }

        /** {@code restock/<dropId>/<sku>/<soldOutId>}: the episode's fan-out, recorded once ({@link ShopRecords#split}). */
        public String id(String dropId) {
            return "restock/" + dropId + "/" + sku + "/" + soldOutId;
        }
    }

    public AnnouncePage {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(publicationId, "publicationId");
        if (after != null && until != null && after.value().compareTo(until.value()) >= 0) {
            throw new IllegalArgumentException("a page ends after it starts");
        }
    }

    /** A publication's page. */
    public AnnouncePage(String dropId, String publicationId, BuyerId after, BuyerId until) {
        this(dropId, publicationId, after, until, null);
    }

    /** What the page is one of: its publication's id, or its restock episode's ({@link Restock#id}). */
    public String fanOutId() {
        return restock == null ? publicationId : restock.id(dropId);
    }

    /** {@code <fanOutId>/<after or "first">}: the same for the same page, whoever split it and when. */
    public String id() {
        return fanOutId() + "/" + (after == null ? "first" : after.value());
    }
}
