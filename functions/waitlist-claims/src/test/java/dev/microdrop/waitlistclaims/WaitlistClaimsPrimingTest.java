package dev.microdrop.waitlistclaims;

import dev.microdrop.function.testing.PrimingCheck;
import org.junit.jupiter.api.Test;

/** SnapStart's hooks, called directly: every primer walks the handler, and the table is unchanged. */
class WaitlistClaimsPrimingTest {

    @Test
    void primingBeforeTheSnapshot_andRestoring_leaveTheTableUnchanged() throws Exception {
        PrimingCheck.primeAndRestore(WaitlistClaimsApplication.class, "waitlist-claims-priming");
    }
}
