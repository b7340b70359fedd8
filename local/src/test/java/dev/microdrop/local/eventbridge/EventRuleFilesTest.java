package dev.microdrop.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRuleFilesTest {

    @TempDir
    Path dir;

    @Test
    void read_whenTheRepositoryRules_thenEveryFileIsValid() throws Exception {
        List<EventRuleFile> rules = EventRuleFiles.read(Path.of("..", "events", "rules"));

        assertThat(rules).isNotEmpty();
        assertThat(rules).filteredOn(rule -> rule.name().equals("fulfilment-paid-orders")).singleElement()
                .satisfies(rule -> {
                    assertThat(rule.eventPattern())
                            .isEqualTo("{\"source\":[\"microdrop\"],\"detail-type\":[\"OrderPaid\"]}");
                    assertThat(rule.target()).isEqualTo("fulfilment-queue");
                });
    }

    @Test
    void read_whenAFieldIsUnknown_thenTheFileIsNamed() throws Exception {
        write("typo.json", "{\"name\":\"r\",\"eventPattern\":{\"source\":[\"x\"]},\"target\":\"t\",\"targte\":\"t\"}");

        assertThatThrownBy(() -> EventRuleFiles.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typo.json")
                .hasMessageContaining("unknown field targte");
    }

    @Test
    void read_whenThePatternIsInvalid_thenEventRulersReasonIsGiven() throws Exception {
        write("bad.json", "{\"name\":\"r\",\"eventPattern\":{\"source\":\"x\"},\"target\":\"t\"}");

        assertThatThrownBy(() -> EventRuleFiles.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json: eventPattern is not valid")
                .hasMessageContaining("\"source\" must be an object or an array");
    }

    @Test
    void read_whenTwoFilesShareARuleName_thenRefused() throws Exception {
        write("a.json", "{\"name\":\"same\",\"eventPattern\":{\"source\":[\"x\"]},\"target\":\"t\"}");
        write("b.json", "{\"name\":\"same\",\"eventPattern\":{\"source\":[\"y\"]},\"target\":\"t\"}");

        assertThatThrownBy(() -> EventRuleFiles.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule name same is also used by");
    }

    @Test
    void read_whenTargetIsMissing_thenRefused() throws Exception {
        write("r.json", "{\"name\":\"r\",\"eventPattern\":{\"source\":[\"x\"]}}");

        assertThatThrownBy(() -> EventRuleFiles.read(dir)).hasMessageContaining("target must be a non-empty string");
    }

    private void write(String name, String json) throws Exception {
        Files.writeString(dir.resolve(name), json);
    }
}
