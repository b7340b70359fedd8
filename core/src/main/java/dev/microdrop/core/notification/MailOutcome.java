package dev.microdrop.core.notification;

import java.util.Map;

/** What an event's mails came to. */
public sealed interface MailOutcome {

    /** Each mail the event causes, by kind, and what became of it (none: the event causes no mail now). */
    record Mailed(Map<NotificationKind, SendOutcome> outcomes) implements MailOutcome {

        public Mailed {
            outcomes = Map.copyOf(outcomes);
        }

        /** Every mail is done with; otherwise the event must come back later. */
        public boolean settled() {
            return outcomes.values().stream().allMatch(SendOutcome::settled);
        }
    }

    /** The send rate allows no more mail now: the event must come back later. */
    record Throttled() implements MailOutcome {
    }

    /** The event names an order the table does not have. */
    record OrderNotFound() implements MailOutcome {
    }
}
