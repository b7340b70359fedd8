package dev.microdrop.core.audience;

import java.time.Instant;

/** What an erasure did. */
public sealed interface ErasureOutcome {

    /** The member's address and personal attributes are gone; {@code erased} is what they were. */
    record Erased(MemberExport erased, Instant at) implements ErasureOutcome {
    }

    /** Erased before, at {@code erasedAt}: nothing more to remove. */
    record AlreadyErased(Instant erasedAt) implements ErasureOutcome {
    }

    /** The address is not in the audience (or is not an address): nothing was kept, nothing was written. */
    record NotAMember() implements ErasureOutcome {
    }
}
