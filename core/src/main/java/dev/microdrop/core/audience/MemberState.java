package dev.microdrop.core.audience;

/**
 * Where a member of the shop's audience stands. {@code PENDING} (signed up, not confirmed: no marketing mail) →
 * {@code SUBSCRIBED} (confirmed by the double opt-in link: marketing mail with its unsubscribe link) → {@code
 * UNSUBSCRIBED} (one click: no marketing mail). {@code ERASED} is the tombstone left by an erasure: no address, no
 * consent, only the time. Signing up again is the only way back to {@code PENDING} from the last two.
 */
public enum MemberState {
    PENDING, SUBSCRIBED, UNSUBSCRIBED, ERASED
}
