package dev.microdrop.core.audience;

import dev.microdrop.core.checkout.Violation;
import java.time.Instant;
import java.util.List;

/** What a privacy request (an export or an erasure asked for an address) did. */
public sealed interface PrivacyRequestOutcome {

    /** The request was refused before anything was issued: what is wrong with it. */
    record Invalid(List<Violation> violations) implements PrivacyRequestOutcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /**
     * A link to mail to {@code address} (canonical), whoever asked and whether or not the shop knows the address: the
     * mail is the proof that the person owns it. The token works until {@code expiresAt}.
     */
    record MailLink(String address, PrivacyRequests.Request request, String token, Instant expiresAt)
            implements PrivacyRequestOutcome {

        /** The token stays out of toString, so an outcome that ends up in a log leaks no working link. */
        @Override
        public String toString() {
            return "MailLink[request=" + request + ", expiresAt=" + expiresAt + "]";
        }
    }
}
