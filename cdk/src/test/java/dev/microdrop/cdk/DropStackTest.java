package dev.microdrop.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

class DropStackTest {

    @Test
    void dropStack_whenSynthesized_thenProducesATemplate() {
        App app = new App();
        DropStack stack = new DropStack(app, "TestDrop");

        Template template = Template.fromStack(stack);

        Map<String, Object> json = template.toJSON();
        assertThat(json).isNotNull();
        // An empty stack still carries CDK's bootstrap-version parameter and rule.
        assertThat(json).containsKey("Parameters");
    }
}
