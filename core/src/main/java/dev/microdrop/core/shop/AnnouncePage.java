package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import java.util.Objects;

/**
 * One page of a publication's fan-out: the subscribed members whose buyer id comes after {@code after} (null: from
 * the first) and not after {@code until} (null: to the last), told about the drop as its publication {@code
 * publicationId} says (its loyalty passes, then its "opens soon"). One queue message each.
 *
 * <p>Its identity ({@link #id()}) follows from the publication and the page's cursor only, so a publication handled
 * twice splits into the same pages, and a page delivered twice is the same page: its second delivery finds its
 * members told (the notifier's send record, once per kind, recipient and subject) and mails no one.
 */
public record AnnouncePage(String dropId, String publicationId, BuyerId after, BuyerId until) {

    public AnnouncePage {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(publicationId, "publicationId");
        if (after != null && until != null && after.value().compareTo(until.value()) >= 0) {
            throw new IllegalArgumentException("a page ends after it starts");
        }
    }

    /** {@code <publicationId>/<after or "first">}: the same for the same page, whoever split it and when. */
    public String id() {
        return publicationId + "/" + (after == null ? "first" : after.value());
    }
}
