package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A member of the shop's audience, keyed by the buyer id of their address. The address itself is kept (it is what
 * marketing mail is sent to) but only as an attribute, never in a key or a log.
 *
 * @param email              the canonical address; null once erased
 * @param consentTextVersion the version of the consent text the member agreed to; null once erased
 * @param signedUpAt         when that consent was given (the latest sign-up); null once erased
 * @param confirmedAt        when the double opt-in link was followed; null before, and once erased
 * @param unsubscribedAt     when the member unsubscribed; null before, and once erased
 * @param interests          the tags chosen at sign-up, sorted; empty once erased
 * @param homeHubId          the member's hub, or null; null once erased
 * @param erasedAt           when the member was erased; null unless {@code ERASED}
 */
public record AudienceMember(BuyerId buyerId, MemberState state, String email, String consentTextVersion,
                             Instant signedUpAt, Instant confirmedAt, Instant unsubscribedAt, Set<String> interests,
                             String homeHubId, Instant erasedAt) {

    public AudienceMember {
        Objects.requireNonNull(buyerId, "buyerId");
        Objects.requireNonNull(state, "state");
        interests = interests == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(interests));
        if (state == MemberState.ERASED) {
            if (email != null || consentTextVersion != null || signedUpAt != null || confirmedAt != null
                    || unsubscribedAt != null || !interests.isEmpty() || homeHubId != null || erasedAt == null) {
                throw new IllegalArgumentException("an erased member keeps its erasure time and nothing else");
            }
        } else {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(consentTextVersion, "consentTextVersion");
            Objects.requireNonNull(signedUpAt, "signedUpAt");
        }
    }

    /** A new sign-up, pending its confirmation. */
    public static AudienceMember pending(BuyerId buyerId, String email, String consentTextVersion, Instant at,
            Set<String> interests, String homeHubId) {
        return new AudienceMember(buyerId, MemberState.PENDING, email, consentTextVersion, at, null, null, interests,
                homeHubId, null);
    }

    /** The tombstone an erasure leaves: the id and the time, nothing personal. */
    public static AudienceMember erased(BuyerId buyerId, Instant at) {
        return new AudienceMember(buyerId, MemberState.ERASED, null, null, null, null, null, Set.of(), null, at);
    }

    public AudienceMember confirmed(Instant at) {
        return new AudienceMember(buyerId, MemberState.SUBSCRIBED, email, consentTextVersion, signedUpAt, at, null,
                interests, homeHubId, null);
    }

    public AudienceMember unsubscribed(Instant at) {
        return new AudienceMember(buyerId, MemberState.UNSUBSCRIBED, email, consentTextVersion, signedUpAt,
                confirmedAt, at, interests, homeHubId, null);
    }
}
