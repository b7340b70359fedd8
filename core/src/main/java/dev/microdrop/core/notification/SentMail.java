package dev.microdrop.core.notification;

import java.time.Instant;
import java.util.Objects;

/**
 * Port out: the idempotency records of sent mail, one per send key ({@link SendKeys}), never the address.
 *
 * <p>A record is {@link State#SENDING} from the moment a delivery claims the mail until it is handed over, then
 * {@link State#SENT}. The claim is one conditional write, made <em>before</em> sending: two deliveries of the same
 * event racing each other send once. A delivery that crashed after claiming leaves the record {@code SENDING}; a
 * claim older than the lease may be taken over (see {@link Notifier}).
 */
public interface SentMail {

    enum State { SENDING, SENT }

    /** What the table holds for a send key. */
    record SendRecord(String sendKey, NotificationKind kind, State state, Instant claimedAt, int attempts,
                      Instant sentAt) {

        public SendRecord {
            Objects.requireNonNull(sendKey, "sendKey");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(claimedAt, "claimedAt");
        }
    }

    /** The claim's answer: claimed (this delivery sends), or refused with the record that stood in the way. */
    sealed interface Claim {
    }

    record Claimed(SendRecord record) implements Claim {
    }

    record Refused(SendRecord existing) implements Claim {
    }

    /**
     * Claims the mail in one conditional write: the record is put in state {@code SENDING} (claimed at {@code now},
     * one more attempt) if there is none, or if it is {@code SENDING} and was claimed at or before {@code
     * staleBefore}. Otherwise nothing changes and the record found comes back.
     */
    Claim claim(String sendKey, NotificationKind kind, Instant now, Instant staleBefore);

    /** The claimed mail was handed over: the record becomes {@code SENT} for good. */
    void markSent(String sendKey, Instant sentAt);

    /**
     * The send failed: the claim made at {@code claimedAt} is withdrawn so the next delivery sends at once rather
     * than after the lease. A claim taken over since is left alone.
     */
    void release(String sendKey, Instant claimedAt);
}
