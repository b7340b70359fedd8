package dev.microdrop.core.audience;

/** What following a double opt-in link did. */
public sealed interface ConfirmOutcome {

    /** Pending until now: subscribed from {@code member.confirmedAt()}. */
    record Confirmed(AudienceMember member) implements ConfirmOutcome {
    }

    /** Subscribed already (the link followed twice): nothing changed. */
    record AlreadyConfirmed(AudienceMember member) implements ConfirmOutcome {
    }

    /** The token is not a valid confirmation link: forged, expired, malformed, or for another purpose. */
    record TokenRefused(LinkTokens.Refusal refusal) implements ConfirmOutcome {
    }

    /**
     * The token is good but there is no sign-up to confirm: the member unsubscribed or was erased since, or never
     * existed. A later click cannot bring a consent back; only a new sign-up can.
     */
    record NothingPending(MemberState state) implements ConfirmOutcome {
    }
}
