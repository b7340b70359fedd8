package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.checkout.Violation;
import java.time.Instant;
import java.util.List;

/** What a sign-up did. */
public sealed interface SignUpOutcome {

    /** The request was refused before anything was written: what is wrong with it. */
    record Invalid(List<Violation> violations) implements SignUpOutcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /**
     * The member is pending: a double opt-in token to mail them, valid until {@code expiresAt}. {@code again} when
     * they were pending already (the token is a new one; the sign-up's details are the latest).
     */
    record Pending(BuyerId buyerId, String confirmToken, Instant expiresAt, boolean again) implements SignUpOutcome {
    }

    /** The member is subscribed already: nothing changed, and nothing needs mailing. */
    record AlreadySubscribed(BuyerId buyerId) implements SignUpOutcome {
    }
}
