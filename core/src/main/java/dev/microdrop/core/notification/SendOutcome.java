package dev.microdrop.core.notification;

import java.time.Instant;

/**
 * What became of one notification. {@link InFlight} and {@link Throttled} ask the caller to try again later (the
 * latter only from a paced send, {@link Notifier#send(Notification, Pacing)}).
 */
public sealed interface SendOutcome {

    /** Handed to the mail service now. */
    record Sent(String messageId) implements SendOutcome {
    }

    /** An earlier delivery sent it: nothing to do. */
    record AlreadySent() implements SendOutcome {
    }

    /**
     * Another delivery claimed it and its lease runs until {@code retryAfter}: it may be sending right now, or it
     * crashed. Try again after then; a claim still {@code SENDING} by that time is taken over.
     */
    record InFlight(Instant retryAfter) implements SendOutcome {
    }

    /** The address bounced or complained: no mail, transactional or not. */
    record Suppressed() implements SendOutcome {
    }

    /** Claimed, but over the send rate: not sent, the claim withdrawn; try the delivery again later. */
    record Throttled() implements SendOutcome {
    }

    /** A marketing mail to someone who has not consented. */
    record NoConsent() implements SendOutcome {
    }

    /** Whether the caller is done with it (every outcome but {@link InFlight} and {@link Throttled}). */
    default boolean settled() {
        return !(this instanceof InFlight) && !(this instanceof Throttled);
    }
}
