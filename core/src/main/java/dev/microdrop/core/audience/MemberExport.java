package dev.microdrop.core.audience;

import java.time.Instant;
import java.util.Set;

/**
 * Everything the audience keeps about one address, for the member's access request (the API serialises it). For an
 * erased member it is the tombstone: the state and the erasure time, nothing else (which is all that is kept).
 */
public record MemberExport(String email, MemberState state, String consentTextVersion, Instant signedUpAt,
                           Instant confirmedAt, Instant unsubscribedAt, Set<String> interests, String homeHubId,
                           Instant erasedAt) {

    static MemberExport of(AudienceMember member) {
        return new MemberExport(member.email(), member.state(), member.consentTextVersion(), member.signedUpAt(),
                member.confirmedAt(), member.unsubscribedAt(), member.interests(), member.homeHubId(),
                member.erasedAt());
    }
}
