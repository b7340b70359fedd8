package dev.microdrop.core.audience;

import dev.microdrop.core.testing.InMemoryAudienceMembers;

/** The audience members' contract, in memory. */
class InMemoryAudienceMembersTest extends AudienceMembersContract {

    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();

    @Override
    protected AudienceMembers members() {
        return members;
    }
}
