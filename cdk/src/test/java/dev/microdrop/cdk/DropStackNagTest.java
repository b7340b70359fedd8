package dev.microdrop.cdk;

import org.junit.jupiter.api.Test;

/** cdk-nag's AwsSolutions pack runs on the stack, and every finding is suppressed with a reason in Nag.java. */
class DropStackNagTest {

    @Test
    void awsSolutions_hasNoUnsuppressedErrorOrWarning() {
        NagFindings.assertNoneUnsuppressed(SynthesizedDrop.ANNOTATIONS);
    }

    @Test
    void awsSolutions_ofADropOfAShop_hasNoUnsuppressedErrorOrWarning() {
        NagFindings.assertNoneUnsuppressed(software.amazon.awscdk.assertions.Annotations.fromStack(
                SynthesizedDrop.stack(java.util.Map.of("shop", SynthesizedShop.SHOP))));
    }
}
