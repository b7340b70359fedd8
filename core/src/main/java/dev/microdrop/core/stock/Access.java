package dev.microdrop.core.stock;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who is holding, as far as the stock cares.
 *
 * @param earlyAccess  an insider in the drop's early-access window (their token already accepted): every line
 *                     draws from the insiders' tranche
 * @param flashSkus    SKUs the cache shows in an insiders' flash-restock window, drawn from its tranche; the write
 *                     checks the window again
 * @param tokenGiven   the buyer brought an access token
 * @param tokenRefusal why that token (or its absence) is refused for this buyer and drop, or null if it is valid
 * @param layer        in early access, the access layer whose own tranche the lines draw from (null: the
 *                     insiders' tranche)
 */
public record Access(boolean earlyAccess, Set<String> flashSkus, boolean tokenGiven, String tokenRefusal,
                     String layer) {

    public Access {
        flashSkus = Set.copyOf(flashSkus);
        if (layer != null && !earlyAccess) {
            throw new IllegalArgumentException("a layer's tranche is for early access only");
        }
    }

    public Access(boolean earlyAccess, Set<String> flashSkus, boolean tokenGiven, String tokenRefusal) {
        this(earlyAccess, flashSkus, tokenGiven, tokenRefusal, null);
    }

    /** A buyer without a token: ordinary holds only. */
    public static Access everyone() {
        return new Access(false, Set.of(), false, "no access token");
    }

    /** Holds from an insiders' tranche (early access or a flash window): the insiders' limit applies. */
    public boolean insider() {
        return earlyAccess || !flashSkus.isEmpty();
    }

    /**
     * In a flash window on {@code sku} until {@code until}, only a buyer with their own valid token may hold it:
     * without one the answer is "insiders only until ...", with a bad one "access refused". Empty: they may.
     */
    public Optional<PlannedHold> flashRefusal(String sku, Instant until) {
        if (tokenRefusal == null) {
            return Optional.empty();
        }
        return Optional.of(tokenGiven ? new PlannedHold.AccessRefused(tokenRefusal, until)
                : new PlannedHold.InsidersOnly(sku, until));
    }

    Access withFlash(Set<String> skus) {
        return new Access(earlyAccess, skus, tokenGiven, tokenRefusal, layer);
    }
}
