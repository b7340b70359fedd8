package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's findings on a synthesized stack: none may be left that Nag.java does not suppress with a reason. */
final class NagFindings {

    private NagFindings() {
    }

    static void assertNoneUnsuppressed(Annotations annotations) {
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));

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
