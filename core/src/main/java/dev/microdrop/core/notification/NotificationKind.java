package dev.microdrop.core.notification;

import java.util.Locale;

/** What a mail is about; each kind has its templates ({@link #template()}.txt and .html). */
public enum NotificationKind {

    /** The order was paid: what was bought, for how much, and how it will arrive. */
    ORDER_RECEIPT,
    /** A waitlisted buyer was offered a claim: the link to the storefront and the claim's deadline. */
    WAITLIST_CLAIM_OFFERED,
    /** A pickup order is waiting at its hub: the hub, the slot and the short pickup code. */
    PICKUP_READY,
    /**
     * Someone signed up to the shop's audience: the double opt-in link that proves the address is theirs. Sent by
     * the shop function, whose module holds its templates (docs/audience.md).
     */
    CONFIRM_SIGNUP,
    /**
     * A past buyer of the shop is invited into a new drop's early window: the storefront link carrying their access
     * token, and when the window opens and closes. Marketing: only with the audience's consent.
     */
    EARLY_ACCESS_PASS,
    /**
     * A buyer collected or received their order: one question, how likely they are to recommend the shop, answered
     * with one click on a score from 0 to 10. About their own order: transactional.
     */
    DROP_SURVEY,
    /**
     * A drop was published: its name, its opening and the storefront's link, to the subscribed members of its hubs.
     * Marketing: only with the audience's consent.
     */
    DROP_OPENS_SOON,
    /**
     * A SKU that sold out is on sale again (its waitlist served first): the product, the drop's link, to the
     * subscribed members the drop is for, once per sold-out episode. Marketing: only with the audience's consent.
     */
    RESTOCK_ALERT,

    /**
     * A drop the member was told about was published again with other times: its new opening and close, and for a
     * pass holder a new pass (the old one expires at the old opening). Marketing: only with the audience's consent.
     */
    DROP_RESCHEDULED,

    /**
     * Someone asked for the data the shop keeps about an address: the signed link that opens the export, mailed to
     * the address so only its owner reads it. Sent by the shop function (docs/audience.md).
     */
    PRIVACY_EXPORT,
    /**
     * Someone asked the shop to erase an address: the signed link whose page confirms the erasure, mailed to the
     * address so only its owner can. Sent by the shop function (docs/audience.md).
     */
    PRIVACY_ERASE;

    /** The templates' base name, e.g. {@code order-receipt}. */
    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
