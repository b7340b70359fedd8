package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack runs on the stack, and every finding is suppressed with a reason in Nag.java. */
class DropStackNagTest {

    @Test
    void awsSolutions_hasNoUnsuppressedErrorOrWarning() {
        List<SynthesisMessage> errors = SynthesizedDrop.ANNOTATIONS.findError("*",
                Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = SynthesizedDrop.ANNOTATIONS.findWarning("*",
                Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(errors).as(describe(errors)).isEmpty();
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder text = new StringBuilder();
        messages.forEach(m -> text.append(m.getId()).append(": ")
                .append(String.valueOf(m.getEntry().getData()).lines().findFirst().orElse("")).append('\n'));
        return text.toString();
    }
}
