package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import java.util.Objects;

/**
 * A buyer who entered a drop's early-access window: started a checkout with a valid access token before the public
 * opening, whether the hold was paid or not (trying counts: the stock may have run out under them). One per buyer
 * and drop is enough; duplicates count once.
 */
public record EarlyAccessEntry(BuyerId buyerId, String dropId) {

    public EarlyAccessEntry {
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(dropId, "dropId");
    }
}
