package dev.microdrop.core.audience;

/** What a one-click unsubscribe did. Anything but a refused token is a success to show the member. */
public sealed interface UnsubscribeOutcome {

    /** Pending or subscribed until now: unsubscribed from {@code member.unsubscribedAt()}. */
    record Unsubscribed(AudienceMember member) implements UnsubscribeOutcome {
    }

    /** Nothing to withdraw: unsubscribed already, erased ({@code state} says which), or no member at all (null). */
    record NothingToWithdraw(MemberState state) implements UnsubscribeOutcome {
    }

    /** The token is not a valid unsubscribe link. */
    record TokenRefused(LinkTokens.Refusal refusal) implements UnsubscribeOutcome {
    }
}
