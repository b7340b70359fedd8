package dev.microdrop.core.merchant;

import java.time.Instant;

/** What a flash restock's write did. */
public enum FlashRestockResult {
    /** The units are released, for insiders only until the window ends. */
    RESTOCKED,
    /** The drop is not open (not yet, or no longer): nothing was written. */
    DROP_NOT_OPEN,
    /** A flash window of the SKU is still running: nothing was written. */
    WINDOW_RUNNING,
    /** Checkouts of the SKU kept colliding with the write: nothing was written, the merchant may retry. */
    BUSY;

    /**
     * Why a flash restock's write was refused, from what the SKU item said: a drop that is open at {@code now} was
     * refused for a window still running; otherwise for not being open.
     */
    public static FlashRestockResult refused(Instant opensAt, Instant closesAt, Instant now) {
        return !opensAt.isAfter(now) && closesAt.isAfter(now) ? WINDOW_RUNNING : DROP_NOT_OPEN;
    }
}
