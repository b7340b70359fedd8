package dev.microdrop.core.merchant;

/** What a pause or a resume did. */
public enum PauseResult {
    /** The drop is now in the asked state, and its event was written. */
    CHANGED,
    /** The drop was already in that state: nothing was written. */
    ALREADY,
    /** Checkouts kept colliding with the write; nothing was written, the merchant may retry. */
    BUSY
}
