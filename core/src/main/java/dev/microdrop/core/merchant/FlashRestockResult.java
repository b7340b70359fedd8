package dev.microdrop.core.merchant;

/** What a flash restock's write did. */
public enum FlashRestockResult {
    /** The units are released, for insiders only until the window ends. */
    RESTOCKED,
    /** The drop is not open (not yet, or no longer): nothing was written. */
    DROP_NOT_OPEN,
    /** A flash window of the SKU is still running: nothing was written. */
    WINDOW_RUNNING,
    /** Checkouts of the SKU kept colliding with the write: nothing was written, the merchant may retry. */
    BUSY
}
