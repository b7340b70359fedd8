package dev.microdrop.cdk;

import org.junit.jupiter.api.Test;

/** cdk-nag's AwsSolutions pack runs on the shop's stack, and every finding is suppressed with a reason in Nag.java. */
class ShopStackNagTest {

    @Test
    void awsSolutions_hasNoUnsuppressedErrorOrWarning() {
        NagFindings.assertNoneUnsuppressed(SynthesizedShop.ANNOTATIONS);
    }
}
